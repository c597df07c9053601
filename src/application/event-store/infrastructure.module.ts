import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '../../event-store/event-store.port';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../projections/all-projections';
import { ReadDatabase } from '../../projections/read-database';
import { AppConfig } from '../config/app-config';
import { Clock, SystemClock } from '../shared/clock';
import { Commands } from '../shared/commands.service';
import { StoredEventPublisher } from '../shared/stored-event-publisher';
import { ProjectionRunner } from '../projections/projection-runner';
import { ProjectionWorker } from '../projections/projection-worker';
import { ReadModels } from '../projections/read-models';
import { Checkpoints } from '../shared/checkpoints';
import { InstrumentedEventStore } from '../metrics/instrumented-event-store';
import { Metrics } from '../metrics/metrics';

export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.EVENTSTORE_CONNECTION_STRING) {
    // loaded only when asked for: the gRPC client is heavy and the embedded store needs none of it
    const { EventStoreDbStore } = await import('../../event-store/eventstoredb/esdb-event-store');
    return new EventStoreDbStore(config.EVENTSTORE_CONNECTION_STRING);
  }
  return new SqliteEventStore(dataFile(config, 'events.sqlite'));
}

export function openReadDatabase(config: AppConfig): ReadDatabase {
  return new ReadDatabase(dataFile(config, 'read-models.sqlite'));
}

/** a file of DATA_DIR, created on the first start */
function dataFile(config: AppConfig, name: string): string {
  mkdirSync(config.DATA_DIR, { recursive: true });
  return join(config.DATA_DIR, name);
}

function readModels(config: AppConfig, store: EventStore, read: ReadDatabase): ReadModels {
  if (config.PROJECTIONS_THREAD === 'main') return new ProjectionRunner(store, read, allProjections());
  return new ProjectionWorker(store, {
    dataDir: config.DATA_DIR,
    eventStoreConnectionString: config.EVENTSTORE_CONNECTION_STRING,
  });
}

/** Starts the read models and the event bus once the app is wired; closes everything on shutdown. */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');
  constructor(
    private readonly store: EventStore,
    private readonly read: ReadDatabase,
    private readonly projections: ReadModels,
    @Inject(StoredEventPublisher) private readonly publisher: StoredEventPublisher,
    private readonly checkpoints: Checkpoints,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
    await this.publisher.start();
    this.logger.log(`read models at position ${this.projections.checkpoint}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.stop();
    await this.projections.stop();
    await this.store.close();
    this.read.close();
    this.checkpoints.close();
  }
}

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: Clock, useClass: SystemClock },
        Metrics,
        {
          provide: EventStore,
          inject: [AppConfig, Metrics],
          useFactory: async (config: AppConfig, metrics: Metrics) =>
            new InstrumentedEventStore(await openEventStore(config), metrics),
        },
        { provide: ReadDatabase, inject: [AppConfig], useFactory: openReadDatabase },
        { provide: ReadModels, inject: [AppConfig, EventStore, ReadDatabase], useFactory: readModels },
        {
          provide: Checkpoints,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new Checkpoints(dataFile(config, 'event-bus.sqlite')),
        },
        {
          provide: StoredEventPublisher,
          inject: [EventStore, Checkpoints, EventBus],
          useFactory: (store: EventStore, checkpoints: Checkpoints, bus: EventBus) =>
            new StoredEventPublisher(store, checkpoints, bus),
        },
        Commands,
        InfrastructureLifecycle,
      ],
      exports: [Clock, EventStore, ReadDatabase, ReadModels, Commands, Metrics],
    };
  }
}
