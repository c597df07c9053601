import { LoggerModule } from 'nestjs-pino';
import { destination, pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** the token of the request logger, mounted by AppModule.configure */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

/** what the request logger adds to a request */
export interface LoggedRequest {
  /** the correlation id: taken from the caller's `x-correlation-id` or made here */
  id: string;
  /** the service's logger: a log about this request passes it as `req` (its id, method, address) */
  log: Logger;
}

export type RequestLogger = ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) & {
  logger: Logger;
};

/**
 * One JSON line per request, when its answer is sent or the caller goes away: the request's
 * correlation id, method and address, the status and the time taken; never a header, so never a
 * credential. The id is taken from the caller or made here, sent back in `x-correlation-id` and
 * kept as the request's id (`req.id`; commands carry it as their correlation id). A 5xx is logged
 * at the `error` level.
 *
 * On pino itself rather than pino-http: pino-http makes a child logger for every request (its
 * bindings serialized, its formatters rebuilt), about 10 KB of objects that live as long as the
 * request, so that during the rush they outlive a young-generation collection and are promoted:
 * more than a fifth of what the request thread promoted per order (docs/performance.md). The
 * line is the same; a log made while a request runs names it with `{ req }` (the ErrorFilter).
 */
export function requestLogger(
  config: Pick<AppConfig, 'LOG_LEVEL'>,
  // written asynchronously: a burst of requests does not wait on stdout
  to: DestinationStream = destination({ dest: 1, sync: false }),
): RequestLogger {
  const logger = pino(
    {
      level: config.LOG_LEVEL,
      serializers: {
        req: (req: IncomingMessage & { id: string; originalUrl?: string }) => ({
          id: req.id,
          method: req.method,
          // Express rewrites `url` while it routes; `originalUrl` is what the caller asked for
          url: req.originalUrl ?? req.url,
        }),
        res: (res: ServerResponse) => ({ statusCode: res.headersSent ? res.statusCode : null }),
        err: stdSerializers.err,
      },
    },
    to,
  );
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const given = req.headers[CORRELATION_HEADER];
    const id = typeof given === 'string' && CORRELATION_PATTERN.test(given) ? given : randomUUID();
    const logged = req as IncomingMessage & LoggedRequest;
    logged.id = id;
    logged.log = logger;
    res.setHeader(CORRELATION_HEADER, id);
    const startedAt = Date.now();
    // a response is closed once, after it is sent or when the caller goes away before
    res.once('close', () => {
      const line = { req, res, responseTime: Date.now() - startedAt };
      if (res.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, res.writableFinished ? 'request completed' : 'request aborted');
    });
    next();
  };
  return Object.assign(middleware, { logger });
}

/**
 * Nest's own logs (`new Logger('…')`, `app.useLogger`) through nestjs-pino, on the request
 * logger's pino instance: one destination, one level.
 *
 * nestjs-pino's request middleware is not mounted (`forRoutes: []`): it runs every request inside
 * an AsyncLocalStorage, and on Node 20 the first `run` switches on promise hooks for the whole
 * process, a cost on every promise of every request (about 9 % of the request thread's CPU per
 * order, docs/performance.md). The request logger above is mounted by AppModule.configure; a log
 * about a request names it explicitly (`{ req }`, or its id), as the ErrorFilter does.
 */
export function nestLogs(requests: RequestLogger) {
  return LoggerModule.forRoot({ pinoHttp: { logger: requests.logger }, forRoutes: [] });
}
