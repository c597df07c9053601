import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../domain/shared/errors';
import { WrongExpectedRevisionError } from '../../event-store/event-store.port';
import type { LoggedRequest } from './request-logging';

const STATUS: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
};

/** the code of an error we did not expect: answered 500 without details, and logged */
const INTERNAL_ERROR = 'INTERNAL_ERROR';

/**
 * One filter maps every error to HTTP: domain errors by kind, a lost optimistic-concurrency race
 * to 409, Nest's own HTTP errors as they are; anything else is logged and answered 500 without
 * details.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const [status, body] = this.describe(error);
    if (body.error === INTERNAL_ERROR) this.logUnexpected(error, http.getRequest<Partial<LoggedRequest>>());
    if (response.headersSent) return;
    response.status(status).json({ statusCode: status, ...body });
  }

  /**
   * With the request logger, naming the request (its correlation id, method and address); the
   * Nest logger, naming the id, where no request logger ran.
   */
  private logUnexpected(error: unknown, request: Partial<LoggedRequest>): void {
    if (request.log !== undefined) {
      return request.log.error({ context: 'Errors', req: request, err: error }, 'unexpected error');
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.logger.error(`request ${request.id ?? '(no id)'}: ${text}`);
  }

  private describe(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof DomainError) {
      return [STATUS[error.kind], { error: error.code, message: error.message }];
    }
    if (error instanceof WrongExpectedRevisionError) {
      return [
        HttpStatus.CONFLICT,
        { error: 'CONCURRENT_CHANGE', message: 'Someone changed this at the same time; please try again.' },
      ];
    }
    // Nest wraps the body parser's and Express's own errors; their messages are for developers
    const cause = error instanceof HttpException ? error.cause : error;
    if (isBodyParserError(cause)) {
      return [cause.status, { error: 'BAD_REQUEST_BODY', message: bodyParserMessage(cause) }];
    }
    if (cause instanceof URIError) {
      return [
        HttpStatus.BAD_REQUEST,
        { error: 'BAD_ADDRESS', message: 'The address is not valid (a bad %-encoding).' },
      ];
    }
    if (error instanceof HttpException) {
      const response = error.getResponse();
      const body = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      return [error.getStatus(), { error: body.error ?? error.name, message: body.message ?? error.message }];
    }
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { error: INTERNAL_ERROR, message: 'Something went wrong on our side; nothing was changed by this request.' },
    ];
  }
}

interface BodyParserError {
  status: number;
  type: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const e = error as Partial<BodyParserError> | null;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string';
}

function bodyParserMessage(error: BodyParserError): string {
  switch (error.type) {
    case 'entity.verify.failed':
      return 'The request body is nested too deeply.';
    case 'entity.too.large':
      return 'The request body is too large.';
    case 'entity.parse.failed':
      return 'The request body is not valid JSON.';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'The request body must be UTF-8 JSON.';
    default:
      return 'The request body could not be read.';
  }
}
