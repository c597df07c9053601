import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CLASS_LEVELS, ClassLevel, SCHOOL_YEAR_PATTERN } from '../../domain/shared/school';

/** `2025-2026`; the domain also checks that the second year follows the first */
export const IsSchoolYear = () =>
  Matches(SCHOOL_YEAR_PATTERN, { message: '$property must be a school year written like 2025-2026' });

export const IsClassLevel = () =>
  IsIn(CLASS_LEVELS, { message: `$property must be one of the class levels ${CLASS_LEVELS.join(', ')}` });

export class GuardianDto {
  @ApiProperty({ example: 'Camille' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ example: 'Martin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: '06 12 34 56 78', description: 'digits, spaces, dots or dashes; may start with +' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  phone!: string;
}

export class AddressDto {
  @ApiProperty({ example: '12 rue Victor Hugo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ example: 'Bâtiment B' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: '75016' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  postalCode!: string;

  @ApiProperty({ example: 'Paris' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city!: string;
}

/** The guardians and the address, as given at registration and confirmed at each account update. */
export class FamilyDetailsDto {
  @ApiProperty({ type: [GuardianDto], minItems: 1, maxItems: 2, description: 'one or two parents or legal guardians' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => GuardianDto)
  guardians!: GuardianDto[];

  @ApiProperty({ type: AddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

export class ChildClassLevelDto {
  @ApiProperty({ example: '0f8c2b0e-6a8e-4f63-9d0c-3c2f6f0e7a11' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  childId!: string;

  @ApiProperty({ enum: CLASS_LEVELS, example: 'CE1' })
  @IsClassLevel()
  classLevel!: ClassLevel;
}

/** « actualisation du compte » for the school year in the path */
export class UpdateAccountDto extends FamilyDetailsDto {
  @ApiProperty({
    type: [ChildClassLevelDto],
    description: 'every child of the family, with the class level for the school year; [] when there is none yet',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChildClassLevelDto)
  children!: ChildClassLevelDto[];
}

export class SchoolYearParams {
  @ApiProperty({ example: '2025-2026' })
  @IsSchoolYear()
  schoolYear!: string;
}
