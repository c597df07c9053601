import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '../../event-store/event-store.port';
import { ReadModels } from '../projections/read-models';
import { Public } from '../auth/auth.decorators';
import { WithoutReadModels } from '../shared/read-your-writes.guard';

@WithoutReadModels()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly store: EventStore,
    private readonly projections: ReadModels,
  ) {}

  /** liveness: the process answers HTTP (no dependency checked); also the ceiling of bench:http */
  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Is the process alive? Checks nothing else.' })
  @ApiOkResponse({ description: '{ "status": "ok" }' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Is the service up, and its event store reachable?' })
  @ApiOkResponse({ description: 'status "ok" with the event store and read models' })
  check() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('eventStore');
        const store = await this.store.health();
        return store.up
          ? session.up({ kind: store.store })
          : session.down({ kind: store.store, message: store.detail });
      },
      async () => {
        const head = (await this.store.headPosition()) ?? 0;
        return this.indicators
          .check('readModels')
          .up({ position: this.projections.checkpoint, lag: Math.max(0, head - this.projections.checkpoint) });
      },
    ]);
  }
}
