import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { availableParallelism } from 'node:os';

export const DEFAULT_JWT_SECRET = 'dev-only-secret-change-me-0123456789';

/**
 * The service's configuration, read from environment variables. Every value has a default that
 * works on a fresh machine, except secrets in production, which must be given.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** where the embedded event store and the read models live */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** set it to use EventStoreDB instead of the embedded store, e.g. esdb://localhost:2113?tls=false */
  @IsOptional()
  @Matches(/^(esdb|esdb\+discover):\/\//, {
    message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Where the read models are updated: `worker` (a thread of its own, so that requests keep the
   * main thread during the rush) or `main` (the request thread; tests use it: no build needed).
   */
  @IsIn(['worker', 'main'])
  PROJECTIONS_THREAD: 'worker' | 'main' = 'worker';

  /**
   * How much lower the read-model thread's scheduling priority is than the request thread's (its
   * `nice`, 0–19; Linux only, elsewhere it keeps the process's). When both want a core during the
   * rush, the request thread gets it first: orders are answered as soon as they are durable, and
   * the read models catch up in the slack (a parent's next request waits for them). 0: the same.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(19)
  READ_MODELS_NICENESS = 10;

  /**
   * How long, in ms, live events may wait to be written to the read models when no request waits
   * for them. A request that reads them (read your writes, every query) has them written at once;
   * while orders pour in and nobody reads, fewer, larger transactions write far fewer pages (a
   * transaction writes about one page per row it touches). `/health` and `/metrics` show the lag
   * meanwhile. 0: written as soon as they are read from the store.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(60_000)
  READ_MODELS_MAX_DELAY_MS = 250;

  /**
   * HTTP worker processes (`npm start`, the built service): `auto` (the default) is one process
   * up to 2 cores, else one per core, at most 4; `1` serves HTTP from the one process. With more
   * than one, a primary process holds the store's one writer, the read models and the saga, and
   * the workers share the port (bench:http on 2 cores: 776–833 orders/s in one process against
   * 671–735 with two workers; see docs/performance.md).
   */
  @Matches(/^(auto|[1-9]\d?)$/, { message: 'HTTP_WORKERS must be auto or a number of processes from 1 to 99' })
  HTTP_WORKERS = 'auto';

  /** set by the service itself: `single` (no cluster), `primary` or `http` (a worker of the cluster) */
  @IsIn(['single', 'primary', 'http'])
  PROCESS_ROLE: 'single' | 'primary' | 'http' = 'single';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEFAULT_JWT_SECRET;

  /** lifetime of a sign-in token, in seconds */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  TOKEN_TTL_SECONDS = 7200;

  /** the first staff account, created at start-up if absent (never through a public route) */
  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'STAFF_EMAIL must be an e-mail address' })
  STAFF_EMAIL?: string;

  @IsOptional()
  @MinLength(12, { message: 'STAFF_PASSWORD must be at least 12 characters' })
  STAFF_PASSWORD?: string;

  /**
   * How long a parent's connection stays open between two requests, in seconds. Node's default
   * (5 s) is shorter than a pause between two clicks, so during the rush nearly every click would
   * open a new connection, and a loaded service accepts new connections only one per turn of its
   * event loop (docs/performance.md: up to a second). 65 s also outlasts the 60 s idle timeout of
   * common load balancers, so that a proxy never sends a request on a connection being closed.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(600)
  KEEP_ALIVE_SECONDS = 65;

  /** the largest request body accepted */
  @Matches(/^\d+(b|kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb' })
  BODY_LIMIT = '64kb';

  /**
   * Express's `trust proxy`: set it (e.g. `1`, or `loopback`) when the service runs behind a
   * reverse proxy, so that throttling counts each client's address, not the proxy's.
   */
  @IsOptional()
  @Matches(/^(true|false|\d+|[a-z0-9.:/, ]+)$/i, {
    message: 'TRUST_PROXY must be true, false, a hop count or addresses',
  })
  TRUST_PROXY?: string;

  /** sign-in attempts allowed per minute, per account and per address */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_LIMIT_PER_MINUTE = 10;
}

/**
 * How many processes serve HTTP for `HTTP_WORKERS`. `auto`: one process up to 2 cores (measured
 * on 2: more orders/s and a better p99 than two workers, whose appends and read-model positions
 * cross processes); above, one HTTP worker per core, at most 4 (each is a whole Nest app in memory).
 */
export function httpWorkers(setting: string, cores = availableParallelism()): number {
  if (setting !== 'auto') return Number(setting);
  return cores <= 2 ? 1 : Math.min(cores, 4);
}

/** Validates the environment; a bad value stops the service with a message naming it. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const known = [
    ...Object.keys(new AppConfig()),
    'EVENTSTORE_CONNECTION_STRING',
    'STAFF_EMAIL',
    'STAFF_PASSWORD',
    'TRUST_PROXY',
  ];
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''),
  );
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === DEFAULT_JWT_SECRET) {
    problems.push('JWT_SECRET must be set in production: the default secret is public');
  }
  if ((config.STAFF_EMAIL === undefined) !== (config.STAFF_PASSWORD === undefined)) {
    problems.push('STAFF_EMAIL and STAFF_PASSWORD go together');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
