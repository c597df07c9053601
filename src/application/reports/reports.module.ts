import { Module } from '@nestjs/common';
import { ReportSources } from './report-sources';
import { ReportsController } from './reports.controller';

/** Staff's reports (PRODUCT.md, Reporting): fill rates, demand, rosters and amounts due, from projections. */
@Module({ controllers: [ReportsController], providers: [ReportSources] })
export class ReportsModule {}
