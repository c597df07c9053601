import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { isInstant } from '../../domain/program/calendar';
import type { Tier } from '../../domain/shared/school';

/** ISO 8601 with an explicit offset: without one, an instant would depend on the server's time zone. */
function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isInstant(value),
        defaultMessage: () =>
          '$property must be a date and time in ISO 8601 with its offset, e.g. 2025-05-12T09:00:00+02:00',
      },
    },
    options,
  );
}

export class DefineBookingPhaseDto {
  @ApiProperty({ example: 'Période prioritaire' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: '2025-05-12T09:00:00+02:00', description: 'inclusive' })
  @IsInstant()
  opensAt!: string;

  @ApiProperty({ example: '2025-05-26T20:00:00+02:00', description: 'exclusive' })
  @IsInstant()
  closesAt!: string;

  @ApiProperty({
    enum: [1, 2],
    isArray: true,
    example: [1],
    description: 'tier 1: returning members and new PS families; tier 2: new families',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(2)
  @IsIn([1, 2], { each: true })
  admittedTiers!: Tier[];
}

export class CloseBookingPhaseDto {
  @ApiPropertyOptional({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description:
      'the allocation seed, 32 bytes in hex; leave it out and the service draws one from a secure random source',
  })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: '$property must be 64 hexadecimal characters (32 bytes)' })
  seed?: string;
}
