import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { SCHOOL_YEAR_PATTERN } from '../../domain/shared/school';
import { ID_MESSAGE, ID_PATTERN } from '../baskets/basket.dto';

/** ISO 8601 with an explicit offset, so that an instant never depends on the server's time zone. */
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ReportQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'json by default; csv (or `Accept: text/csv`) downloads a spreadsheet file',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({
    example: '1234',
    description: 'the figures as they were once the events up to this global position were recorded',
  })
  @IsOptional()
  @Matches(/^\d{1,16}$/, { message: '$property must be a global position: a whole number, 0 or more' })
  asOfPosition?: string;

  @ApiPropertyOptional({
    example: '2025-05-27T00:00:00Z',
    description:
      'the figures as they were at this instant (ISO 8601 with Z or an offset): as of the last event recorded ' +
      'with a timestamp at or before it',
  })
  @IsOptional()
  @Matches(INSTANT_PATTERN, { message: '$property must be an instant written like 2025-05-27T00:00:00Z' })
  asOf?: string;
}

export class AmountsDueQueryDto extends ReportQueryDto {
  @ApiProperty({ example: '2025-2026' })
  @Matches(SCHOOL_YEAR_PATTERN, { message: '$property must be a school year written like 2025-2026' })
  schoolYear!: string;
}

export class ProgramReportParams {
  @ApiProperty({ example: '6c1d7c55-3f0e-4a8b-9b77-2f2f6f0e9b42' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  programId!: string;
}

export class RosterParams extends ProgramReportParams {
  @ApiProperty({ example: '0b6a5c2d-8e4f-4a2b-9c4d-5e6f9d3c8f1e' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  activityId!: string;
}
