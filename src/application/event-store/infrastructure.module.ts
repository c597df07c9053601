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
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
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
import { STORED_EVENT_TYPES } from '../shared/stored-event';
import { ProjectionRunner } from '../projections/projection-runner';
import { ProjectionWorker } from '../projections/projection-worker';
import { ReadModels } from '../projections/read-models';
import { Checkpoints } from '../shared/checkpoints';
import { InstrumentedEventStore } from '../metrics/instrumented-event-store';
import { Metrics } from '../metrics/metrics';
import { FollowedReadModels } from '../cluster/followed-read-models';
import { primaryLink } from '../cluster/primary-link';
import { PrimaryWrittenEventStore } from '../cluster/primary-written-event-store';

export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.EVENTSTORE_CONNECTION_STRING) {
    // loaded only when asked for: the gRPC client is heavy and the embedded store needs none of it
    const { EventStoreDbStore } = await import('../../event-store/eventstoredb/esdb-event-store');
    return new EventStoreDbStore(config.EVENTSTORE_CONNECTION_STRING);
  }
  // the process that writes commits on a thread of its own: its request thread never waits for the disk
  const writes = config.PROCESS_ROLE !== 'http';
  return new SqliteEventStore(dataFile(config, 'events.sqlite'), { writer: writes ? 'thread' : 'inline' });
}

export function openReadDatabase(config: AppConfig): ReadDatabase {
  return new ReadDatabase(dataFile(config, 'read-models.sqlite'));
}

/** a file of DATA_DIR, created on the first start */
function dataFile(config: AppConfig, name: string): string {
  mkdirSync(config.DATA_DIR, { recursive: true });
  return join(config.DATA_DIR, name);
}

/** the store of this process; in an HTTP worker of a cluster, appends go to the primary (timed there) */
async function eventStore(config: AppConfig, metrics: Metrics): Promise<EventStore> {
  const store = await openEventStore(config);
  if (config.PROCESS_ROLE === 'http' && !config.EVENTSTORE_CONNECTION_STRING) {
    return new PrimaryWrittenEventStore(store, primaryLink());
  }
  return new InstrumentedEventStore(store, metrics);
}

function readModels(config: AppConfig, store: EventStore, read: ReadDatabase): ReadModels {
  if (config.PROCESS_ROLE === 'http') return new FollowedReadModels(primaryLink());
  if (config.PROJECTIONS_THREAD === 'main') {
    return new ProjectionRunner(store, read, allProjections(), { maxDelayMs: config.READ_MODELS_MAX_DELAY_MS });
  }
  return new ProjectionWorker(store, {
    dataDir: config.DATA_DIR,
    eventStoreConnectionString: config.EVENTSTORE_CONNECTION_STRING,
    niceness: config.READ_MODELS_NICENESS,
    maxDelayMs: config.READ_MODELS_MAX_DELAY_MS,
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
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** in an HTTP worker of a cluster, the primary runs the event bus (and so the saga) */
  private get publishes(): boolean {
    return this.config.PROCESS_ROLE !== 'http';
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
    if (this.publishes) await this.publisher.start();
    else primaryLink().handle('metrics-json', () => this.metrics.registry.getMetricsAsJSON());
    this.logger.log(`read models at position ${this.projections.checkpoint}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.publishes) await this.publisher.stop();
    await this.projections.stop();
    await this.store.close();
    this.read.close();
    this.checkpoints.close();
  }
}

/** the stored event types the application's providers react to (`ReactsTo`), every module scanned */
export function declaredEventTypes(discovery: DiscoveryService, reflector: Reflector): string[] {
  const types = new Set<string>();
  for (const { metatype } of discovery.getProviders()) {
    if (typeof metatype !== 'function') continue;
    for (const type of reflector.get<string[] | undefined>(STORED_EVENT_TYPES, metatype) ?? []) types.add(type);
  }
  return [...types].sort();
}

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: Clock, useClass: SystemClock },
        Metrics,
        {
          provide: EventStore,
          inject: [AppConfig, Metrics],
          useFactory: eventStore,
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
          inject: [EventStore, Checkpoints, EventBus, DiscoveryService, Reflector],
          useFactory: (
            store: EventStore,
            checkpoints: Checkpoints,
            bus: EventBus,
            discovery: DiscoveryService,
            reflector: Reflector,
          ) => new StoredEventPublisher(store, checkpoints, bus, declaredEventTypes(discovery, reflector)),
        },
        Commands,
        InfrastructureLifecycle,
      ],
      exports: [Clock, EventStore, ReadDatabase, ReadModels, Commands, Metrics],
    };
  }
}
