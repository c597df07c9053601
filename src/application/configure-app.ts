import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppConfig } from './config/app-config';
import { createValidationPipe } from './shared/validation.pipe';

/** What every instance of the app needs, in production and in tests alike. */
/** no request of ours nests deeper; deeper input would only feed recursive transformers */
const MAX_JSON_DEPTH = 16;

/**
 * Counts brackets outside strings in the raw body, before it is parsed: a body nested deeper
 * than `max` is refused with a 400 without ever reaching a recursive parser or transformer.
 */
function refuseDeepNesting(max: number) {
  return (_request: unknown, _response: unknown, buffer: Buffer): void => {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < buffer.length; i++) {
      const byte = buffer[i];
      if (inString) {
        if (byte === 0x5c)
          i++; // backslash: skip the escaped character
        else if (byte === 0x22) inString = false;
      } else if (byte === 0x22) inString = true;
      else if (byte === 0x7b || byte === 0x5b) {
        if (++depth > max)
          throw Object.assign(new Error('nested too deeply'), { status: 400, type: 'entity.verify.failed' });
      } else if (byte === 0x7d || byte === 0x5d) depth--;
    }
  };
}

/**
 * Keeps an idle connection open `seconds` after its last answer, so that a parent's next click
 * reuses it rather than waiting, mid-rush, to have a new one accepted. The headers of a request
 * keep their own limit (slow senders), at least as long as an idle connection may wait.
 */
function keepConnections(server: Server, seconds: number): void {
  server.keepAliveTimeout = seconds * 1000;
  server.headersTimeout = Math.max(server.headersTimeout, server.keepAliveTimeout + 1000);
}

export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // answers are computed per request: hashing each body for an ETag costs more than it saves
  express.set('etag', false);
  if (config.TRUST_PROXY !== undefined) express.set('trust proxy', parseTrustProxy(config.TRUST_PROXY));
  app.use(helmet());
  // our own JSON parser (the app is created with bodyParser: false): a size limit and a depth limit
  app.use(json({ limit: config.BODY_LIMIT, strict: true, verify: refuseDeepNesting(MAX_JSON_DEPTH) }));
  app.useGlobalPipes(createValidationPipe());
  const server = app.getHttpServer() as Server;
  keepConnections(server, config.KEEP_ALIVE_SECONDS);
  answerMalformedRequests(server);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ateliers')
      .setDescription(
        'Booking and allocation of after-school activities. Parents fill a basket per child and place orders; ' +
          'staff validate accounts, publish programs and booking phases, and run the allocation.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers too large, broken
 * request lines) get a JSON answer with a message too, like every other refusal.
 */
function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
        : [400, 'Bad Request', 'The request could not be read.'];
    const body = JSON.stringify({ statusCode: status, error: 'BAD_REQUEST', message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
