import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CLASS_LEVELS, ClassLevel } from '../../domain/shared/school';
import { IsClassLevel } from './family.dto';

export class AddChildDto {
  @ApiProperty({ example: 'Léa' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ example: 'Martin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: '2019-05-04', description: 'YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD, e.g. 2019-05-04' })
  birthDate!: string;

  @ApiProperty({
    enum: CLASS_LEVELS,
    example: 'CP',
    description: "the child's class in the family's current school year",
  })
  @IsClassLevel()
  classLevel!: ClassLevel;
}

/** Only the fields given change; a class level given is for the family's current school year. */
export class UpdateChildDto extends PartialType(AddChildDto) {}

export class ChildCreatedDto {
  @ApiProperty({ example: '0f8c2b0e-6a8e-4f63-9d0c-3c2f6f0e7a11' })
  childId!: string;
}
