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
import { InstrumentedEventStore } from '../metrics/instrumented-event-store';
import { Metrics } from '../metrics/metrics';

export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.EVENTSTORE_CONNECTION_STRING) {
    // loaded only when asked for: the gRPC client is heavy and the embedded store needs none of it
    const { EventStoreDbStore } = await import('../../event-store/eventstoredb/esdb-event-store');
    return new EventStoreDbStore(config.EVENTSTORE_CONNECTION_STRING);
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return new SqliteEventStore(join(config.DATA_DIR, 'events.sqlite'));
}

export function openReadDatabase(config: AppConfig): ReadDatabase {
  mkdirSync(config.DATA_DIR, { recursive: true });
  return new ReadDatabase(join(config.DATA_DIR, 'read-models.sqlite'));
}

/** Starts the read models and the event bus once the app is wired; closes everything on shutdown. */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');
  constructor(
    private readonly store: EventStore,
    private readonly read: ReadDatabase,
    private readonly projections: ProjectionRunner,
    @Inject(StoredEventPublisher) private readonly publisher: StoredEventPublisher,
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
        {
          provide: ProjectionRunner,
          inject: [EventStore, ReadDatabase],
          useFactory: (store: EventStore, read: ReadDatabase) => new ProjectionRunner(store, read, allProjections()),
        },
        {
          provide: StoredEventPublisher,
          inject: [EventStore, ReadDatabase, EventBus],
          useFactory: (store: EventStore, read: ReadDatabase, bus: EventBus) =>
            new StoredEventPublisher(store, read, bus),
        },
        Commands,
        InfrastructureLifecycle,
      ],
      exports: [Clock, EventStore, ReadDatabase, ProjectionRunner, Commands, Metrics],
    };
  }
}
