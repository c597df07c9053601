import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FAMILY_CATEGORIES, FamilyCategory } from '../../domain/shared/school';
import { VALIDATION_STATUSES, ValidationStatus } from '../../projections/families/families.query';
import { IsSchoolYear } from './family.dto';

export class ValidateAccountDto {
  @ApiProperty({ example: '2025-2026' })
  @IsSchoolYear()
  schoolYear!: string;

  @ApiProperty({
    enum: FAMILY_CATEGORIES,
    example: 'RETURNING_MEMBER',
    description: 'sets the priority tier: 1 for RETURNING_MEMBER and NEW_PS_FAMILY, 2 for NEW_FAMILY',
  })
  @IsIn(FAMILY_CATEGORIES, { message: `$property must be one of ${FAMILY_CATEGORIES.join(', ')}` })
  category!: FamilyCategory;

  @ApiProperty({
    type: [String],
    example: ['3b9d6f4e-1c2a-4e5f-8a7b-9c0d1e2f3a4b'],
    description: 'the programs of that school year the family may see and book',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  programIds!: string[];
}

export class RejectAccountDto {
  @ApiProperty({ example: '2025-2026' })
  @IsSchoolYear()
  schoolYear!: string;

  @ApiProperty({ example: 'Pas de justificatif de domicile', description: 'the family reads it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

const booleanFromQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class FamilyFilterDto {
  @ApiPropertyOptional({ example: '2025-2026', description: 'omitted: each family for its current school year' })
  @IsOptional()
  @IsSchoolYear()
  schoolYear?: string;

  @ApiPropertyOptional({ enum: VALIDATION_STATUSES, example: 'NOT_VALIDATED' })
  @IsOptional()
  @IsIn(VALIDATION_STATUSES, { message: `$property must be one of ${VALIDATION_STATUSES.join(', ')}` })
  status?: ValidationStatus;

  @ApiPropertyOptional({ example: true, description: 'the family updated its account for the school year' })
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean({ message: '$property must be true or false' })
  upToDate?: boolean;

  @ApiPropertyOptional({ example: 100, default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ example: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
