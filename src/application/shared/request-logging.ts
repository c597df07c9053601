import { LoggerModule } from 'nestjs-pino';
import { destination, stdSerializers, type DestinationStream } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** the token of the request logger (pino-http's middleware), mounted by AppModule.configure */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

/**
 * One JSON line per request, with a correlation id taken from the caller or made here, sent back
 * in `x-correlation-id` and kept as the request's id (`req.id`; commands carry it as their
 * correlation id).
 */
export function requestLogger(
  config: Pick<AppConfig, 'LOG_LEVEL'>,
  // written asynchronously: a burst of requests does not wait on stdout
  to: DestinationStream = destination({ dest: 1, sync: false }),
): HttpLogger {
  return pinoHttp(
    {
      level: config.LOG_LEVEL,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers[CORRELATION_HEADER];
        const id = typeof given === 'string' && CORRELATION_PATTERN.test(given) ? given : randomUUID();
        res.setHeader(CORRELATION_HEADER, id);
        return id;
      },
      // the request and the response as they are, to the serializers below: pino-http's wrappers
      // would first copy every header, parse the query string and ask the socket its peer, for
      // fields these serializers drop (and never a header: no credential reaches the log)
      wrapSerializers: false,
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
}

/**
 * Nest's own logs (`new Logger('…')`, `app.useLogger`) through nestjs-pino, on the request
 * logger's pino instance: one destination, one level.
 *
 * nestjs-pino's request middleware is not mounted (`forRoutes: []`): it runs every request inside
 * an AsyncLocalStorage, and on Node 20 the first `run` switches on promise hooks for the whole
 * process, a cost on every promise of every request (about 9 % of the request thread's CPU per
 * order, docs/performance.md). pino-http itself is mounted by AppModule.configure; a log about a
 * request names it explicitly (`req.log`, or its id), as the ErrorFilter does.
 */
export function nestLogs(requests: HttpLogger) {
  return LoggerModule.forRoot({ pinoHttp: { logger: requests.logger }, forRoutes: [] });
}
