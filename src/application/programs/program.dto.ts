import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CYCLES, Cycle, SCHOOL_YEAR_PATTERN } from '../../domain/shared/school';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class TypicalWeekDto {
  @ApiProperty({ example: '2025-09-08', description: 'first day of the typical week, YYYY-MM-DD' })
  @Matches(DATE_PATTERN, { message: '$property must be a date written YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2025-09-12', description: 'last day of the typical week, YYYY-MM-DD' })
  @Matches(DATE_PATTERN, { message: '$property must be a date written YYYY-MM-DD' })
  to!: string;
}

export class CreateProgramDto {
  @ApiProperty({ example: 'Activités Maternelles 2025-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ enum: CYCLES, example: 'MATERNELLE' })
  @IsIn(CYCLES)
  cycle!: Cycle;

  @ApiProperty({ example: '2025-2026' })
  @Matches(SCHOOL_YEAR_PATTERN, { message: '$property must be written like 2025-2026' })
  schoolYear!: string;

  @ApiProperty({ type: TypicalWeekDto, description: '« semaine type »: the week whose planning repeats all year' })
  @ValidateNested()
  @Type(() => TypicalWeekDto)
  typicalWeek!: TypicalWeekDto;
}
