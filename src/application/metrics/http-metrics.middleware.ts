import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/** Records each request under its route pattern (`/programs/:programId`), never its raw URL. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer();
    response.on('finish', () => {
      const route = request.route
        ? `${request.baseUrl}${String((request.route as { path: string }).path)}`
        : 'unmatched';
      const labels = { method: request.method, route, status: String(response.statusCode) };
      stop(labels);
      this.metrics.httpRequests.inc(labels);
    });
    next();
  }
}
