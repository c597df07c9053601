import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFound } from '../../domain/shared/errors';
import { amountsDueOf, type AmountsDue } from '../../projections/reporting/amounts-due.query';
import { fillRatesOf, type FillRates } from '../../projections/reporting/fill-rates.query';
import { rosterOf, type Roster } from '../../projections/reporting/roster.query';
import { Roles } from '../auth/auth.decorators';
import { csvFile, slug, toCsv } from './csv';
import { AmountsDueQueryDto, ProgramReportParams, ReportQueryDto, RosterParams } from './report.dto';
import { amountsDueColumns, fillRateColumns, rosterColumns } from './report-columns';
import { asOfOf, ReportSources } from './report-sources';
import { AMOUNTS_DUE_DOC, FILL_RATES_DOC, FORMATS_DOC, ROSTER_DOC } from './reports.doc';

type Json<T> = T & { asOfPosition: number };

@ApiTags('reports')
@ApiBearerAuth()
@Roles('staff')
@ApiProduces('application/json', 'text/csv')
@ApiForbiddenResponse({ description: "for the association's staff only" })
@Controller('reports')
export class ReportsController {
  constructor(private readonly sources: ReportSources) {}

  @Get('programs/:programId/fill-rates')
  @ApiOperation({ summary: 'Fill rates and demand of each activity of a program (staff)', description: FORMATS_DOC })
  @ApiOkResponse({ description: FILL_RATES_DOC })
  @ApiNotFoundResponse({ description: 'no such program (at that point in time)' })
  async fillRates(
    @Param() { programId }: ProgramReportParams,
    @Query() query: ReportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Json<FillRates> | StreamableFile> {
    const { report, asOfPosition } = await this.sources.query(asOfOf(query), (db) => fillRatesOf(db, programId));
    if (report === undefined)
      throw new NotFound(`There is no such program as of position ${asOfPosition}.`, 'PROGRAM_NOT_FOUND');
    return respond(request, response, query, asOfPosition, report, () => ({
      name: `fill-rates-${slug(report.program.name)}`,
      content: toCsv(fillRateColumns(report), report.activities),
    }));
  }

  @Get('programs/:programId/activities/:activityId/roster')
  @ApiOperation({
    summary: 'The children seated in an activity, with their family contact (staff)',
    description: FORMATS_DOC,
  })
  @ApiOkResponse({ description: ROSTER_DOC })
  @ApiNotFoundResponse({ description: 'no such program or activity (at that point in time)' })
  async roster(
    @Param() { programId, activityId }: RosterParams,
    @Query() query: ReportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Json<Roster> | StreamableFile> {
    const asOf = asOfOf(query);
    const { report, asOfPosition } = await this.sources.query(asOf, (db) => rosterOf(db, programId, activityId));
    if (report === undefined) {
      throw new NotFound(
        `There is no such activity in this program as of position ${asOfPosition}.`,
        'ACTIVITY_NOT_FOUND',
      );
    }
    return respond(request, response, query, asOfPosition, report, () => ({
      name: `roster-${slug(report.activity.name)}`,
      content: toCsv(rosterColumns(report), report.children),
    }));
  }

  @Get('amounts-due')
  @ApiOperation({
    summary: 'What each family owes for a school year: its reserved modules (staff)',
    description: FORMATS_DOC,
  })
  @ApiOkResponse({ description: AMOUNTS_DUE_DOC })
  async amountsDue(
    @Query() query: AmountsDueQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Json<AmountsDue> | StreamableFile> {
    const { report, asOfPosition } = await this.sources.query(asOfOf(query), (db) =>
      amountsDueOf(db, query.schoolYear),
    );
    return respond(request, response, query, asOfPosition, report, () => ({
      name: `amounts-due-${report.schoolYear}`,
      content: toCsv(amountsDueColumns(report), report.families),
    }));
  }
}

/**
 * JSON unless `?format=csv`, or no `format` and an `Accept` that prefers text/csv. Either way the
 * position the figures are as of is in `X-As-Of-Position`, and nothing is cached: rosters carry
 * families' contacts.
 */
function respond<T extends object>(
  request: Request,
  response: Response,
  { format }: ReportQueryDto,
  asOfPosition: number,
  report: T,
  csv: () => { name: string; content: Buffer },
): Json<T> | StreamableFile {
  response.setHeader('X-As-Of-Position', String(asOfPosition));
  response.setHeader('Cache-Control', 'no-store');
  response.vary('Accept');
  const wantsCsv =
    format !== undefined ? format === 'csv' : request.accepts(['application/json', 'text/csv']) === 'text/csv';
  if (!wantsCsv) return { asOfPosition, ...report };
  const { name, content } = csv();
  return csvFile(content, `${name}-at-${asOfPosition}.csv`);
}
