import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CLASS_LEVELS, ClassLevel } from '../../domain/shared/school';
import { TIME_PATTERN, WEEKDAYS, Weekday } from '../../domain/shared/slot';

const TIME_MESSAGE = '$property must be a time written HH:MM, e.g. 16:30';

export class SlotDto {
  @ApiProperty({ enum: WEEKDAYS, example: 'MONDAY' })
  @IsIn(WEEKDAYS)
  weekday!: Weekday;

  @ApiProperty({ example: '16:30' })
  @Matches(TIME_PATTERN, { message: TIME_MESSAGE })
  start!: string;

  @ApiProperty({ example: '17:30' })
  @Matches(TIME_PATTERN, { message: TIME_MESSAGE })
  end!: string;
}

const PRICE_MESSAGE = '$property must be a whole number of cents, e.g. 4500 for 45,00 €';

export class ScheduleActivityDto {
  @ApiProperty({ example: 'Éveil musical' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ type: SlotDto })
  @ValidateNested()
  @Type(() => SlotDto)
  slot!: SlotDto;

  @ApiProperty({ example: 4500, description: 'per module, for the whole year, in cents' })
  @IsInt({ message: PRICE_MESSAGE })
  @Min(1, { message: PRICE_MESSAGE })
  @Max(10_000_000)
  priceCents!: number;

  @ApiProperty({ enum: CLASS_LEVELS, isArray: true, example: ['PS', 'MS'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CLASS_LEVELS.length)
  @IsIn(CLASS_LEVELS, { each: true })
  acceptedLevels!: ClassLevel[];

  @ApiProperty({ example: 12, description: 'seats, i.e. children per week' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity!: number;
}

/** Only the fields to change. */
export class ChangeActivityDto {
  @ApiPropertyOptional({ example: 'Éveil musical et danse' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ type: SlotDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SlotDto)
  slot?: SlotDto;

  @ApiPropertyOptional({ example: 4800 })
  @IsOptional()
  @IsInt({ message: PRICE_MESSAGE })
  @Min(1, { message: PRICE_MESSAGE })
  @Max(10_000_000)
  priceCents?: number;

  @ApiPropertyOptional({ enum: CLASS_LEVELS, isArray: true, example: ['PS', 'MS', 'GS'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CLASS_LEVELS.length)
  @IsIn(CLASS_LEVELS, { each: true })
  acceptedLevels?: ClassLevel[];

  @ApiPropertyOptional({ example: 14 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity?: number;
}

export class WithdrawActivityDto {
  @ApiProperty({ example: "L'intervenante n'est plus disponible le lundi." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
