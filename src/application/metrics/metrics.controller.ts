import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore } from '../../event-store/event-store.port';
import { Public } from '../auth/auth.decorators';
import { primaryLink } from '../cluster/primary-link';
import { AppConfig } from '../config/app-config';
import { ReadModels } from '../projections/read-models';
import { WithoutReadModels } from '../shared/read-your-writes.guard';
import { Metrics } from './metrics';

@ApiTags('health')
@WithoutReadModels()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly store: EventStore,
    private readonly projections: ReadModels,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: request rate and latency per route, append latency, projection lag' })
  @ApiOkResponse({ description: 'Prometheus text format' })
  async scrape(): Promise<string> {
    const head = (await this.store.headPosition()) ?? 0;
    this.metrics.projectionLag.set(Math.max(0, head - this.projections.checkpoint));
    // in an HTTP worker of a cluster: the figures of every process, summed by the primary
    if (this.config.PROCESS_ROLE === 'http') return primaryLink().request<string>('metrics');
    return this.metrics.registry.metrics();
  }
}
