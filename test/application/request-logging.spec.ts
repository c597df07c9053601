import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { ErrorFilter } from '../../src/application/shared/domain-error.filter';
import { requestLogger } from '../../src/application/shared/request-logging';
import { startTestApp, TEST_STAFF } from '../support/test-app';

/** the request logger, writing its lines (parsed) into `lines` */
function loggedLines() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: requestLogger({ LOG_LEVEL: 'info' }, sink) };
}

describe('request logging', () => {
  it('writes one line per request: its correlation id, method, address and status, never its credentials', async () => {
    const { lines, log } = loggedLines();
    const server: Server = createServer((req, res) => log(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/me/orders?x=1`;
      const given = await fetch(url, { headers: { 'x-correlation-id': 'rush-42', authorization: 'Bearer secret' } });
      const made = await fetch(url, { headers: { 'x-correlation-id': 'not a valid id!' } });
      expect(given.headers.get('x-correlation-id')).toBe('rush-42');
      expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({
        msg: 'request completed',
        req: { id: 'rush-42', method: 'GET', url: '/me/orders?x=1' },
        res: { statusCode: 200 },
      });
      expect((lines[1].req as { id: string }).id).toBe(made.headers.get('x-correlation-id'));
      expect(JSON.stringify(lines)).not.toContain('secret');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('logs a 5xx answer at the error level, and a caller who went away as an aborted request', async () => {
    const { lines, log } = loggedLines();
    let slowArrived = false;
    const server: Server = createServer((req, res) =>
      log(req, res, () => {
        // /fail answers 500; /slow never answers, so the caller gives up
        if (req.url === '/fail') res.writeHead(500).end();
        else slowArrived = true;
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/fail`)).status).toBe(500);
      const gaveUp = new AbortController();
      const slow = fetch(`${base}/slow`, { signal: gaveUp.signal });
      while (!slowArrived) await new Promise((resolve) => setTimeout(resolve, 5));
      gaveUp.abort();
      await expect(slow).rejects.toThrow();
      while (lines.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(lines[0]).toMatchObject({
        level: 50,
        msg: 'request errored',
        req: { url: '/fail' },
        res: { statusCode: 500 },
      });
      expect(lines[1]).toMatchObject({
        level: 30,
        msg: 'request aborted',
        req: { url: '/slow' },
        res: { statusCode: null },
      });
      expect(lines).toHaveLength(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('runs no request inside an AsyncLocalStorage (it would switch on promise hooks for every request)', async () => {
    const run = jest.spyOn(AsyncLocalStorage.prototype, 'run');
    const enterWith = jest.spyOn(AsyncLocalStorage.prototype, 'enterWith');
    const t = await startTestApp();
    try {
      await t.http().get('/health').expect(200);
      const signIn = await t.http().post('/auth/sign-in').send(TEST_STAFF).expect(200);
      const auth = { authorization: `Bearer ${(signIn.body as { accessToken: string }).accessToken}` };
      await t.http().get('/families').set(auth).expect(200);
      await t.http().post('/auth/sign-in').send({ email: TEST_STAFF.email, password: 'wrong' }).expect(401);
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
      enterWith.mockRestore();
      await t.close();
    }
  });
});

describe('an unexpected error', () => {
  function host(request: object) {
    const answer: { status?: number; body?: Record<string, unknown> } = {};
    const response = {
      headersSent: false,
      status(status: number) {
        answer.status = status;
        return this;
      },
      json(body: Record<string, unknown>) {
        answer.body = body;
      },
    };
    const argumentsHost = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    } as unknown as ArgumentsHost;
    return { argumentsHost, answer };
  }

  it('is logged with the request logger, naming the request (its id, method and address), and answered 500 without details', () => {
    const error = jest.fn();
    const { argumentsHost, answer } = host({ id: 'rush-42', log: { error } });
    new ErrorFilter().catch(new TypeError('x is undefined'), argumentsHost);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({
        req: expect.objectContaining({ id: 'rush-42' }),
        err: expect.objectContaining({ message: 'x is undefined' }),
      }),
      'unexpected error',
    );
    expect(answer).toEqual({
      status: 500,
      body: expect.objectContaining({ statusCode: 500, error: 'INTERNAL_ERROR' }),
    });
    expect(JSON.stringify(answer.body)).not.toContain('x is undefined');
  });

  it('names the request id where no request logger ran', () => {
    const nestError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      new ErrorFilter().catch(new Error('boom'), host({ id: 'rush-43' }).argumentsHost);
      expect(nestError).toHaveBeenCalledWith(expect.stringMatching(/^request rush-43: Error: boom/));
    } finally {
      nestError.mockRestore();
    }
  });

  it('is not what an expected refusal is: those are answered and not logged', () => {
    const error = jest.fn();
    const { argumentsHost, answer } = host({ id: 'rush-44', log: { error } });
    new ErrorFilter().catch(new NotFoundException('No such order.'), argumentsHost);
    expect(answer.status).toBe(404);
    expect(error).not.toHaveBeenCalled();
  });
});
