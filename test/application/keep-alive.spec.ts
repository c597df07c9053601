import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { validateConfig } from '../../src/application/config/app-config';
import { startTestApp, TestApp } from '../support/test-app';

// A raw connection rather than an http.Agent: the agent closes idle sockets by itself a second
// before the service's keep-alive hint, which would hide what the service does.

const REQUEST = 'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n';

/** sends one request on `socket` and resolves with the status line of its answer */
function ask(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const headEnd = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received);
      if (headEnd >= 0 && length && received.length >= headEnd + 4 + Number(length[1])) {
        socket.off('data', onData);
        socket.off('close', onClose);
        resolve(received.slice(0, received.indexOf('\r\n')));
      }
    };
    const onClose = () => reject(new Error(`connection closed before an answer: ${JSON.stringify(received)}`));
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.write(REQUEST);
  });
}

/** resolves with how many ms after the call the service closed `socket` */
function closedAfter(socket: Socket): Promise<number> {
  const start = Date.now();
  return new Promise((resolve) => socket.once('close', () => resolve(Date.now() - start)));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a parent's connection between two requests", () => {
  let t: TestApp;
  let port: number;
  let socket: Socket;
  beforeAll(async () => {
    t = await startTestApp({ config: { KEEP_ALIVE_SECONDS: 1 } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  beforeEach(async () => {
    socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
  });
  afterEach(() => socket.destroy());
  afterAll(() => t.close());

  it('stays open for the next request within KEEP_ALIVE_SECONDS', async () => {
    expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
    await pause(400);
    expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
  });

  it('is closed by the service once idle longer than KEEP_ALIVE_SECONDS', async () => {
    expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
    const closed = closedAfter(socket);
    // the service closes it on its own, about a second after the answer (generous bounds: not a timing test)
    await expect(closed).resolves.toBeGreaterThanOrEqual(500);
  });

  it('waits 65 s by default, longer than a pause between two clicks and than common proxies', () => {
    expect(validateConfig({}).KEEP_ALIVE_SECONDS).toBe(65);
    expect(t.app.getHttpServer().headersTimeout).toBeGreaterThan(t.app.getHttpServer().keepAliveTimeout);
  });

  it('refuses a setting outside 1 to 600 seconds with a message naming it', () => {
    expect(() => validateConfig({ KEEP_ALIVE_SECONDS: '0' })).toThrow(/KEEP_ALIVE_SECONDS/);
    expect(() => validateConfig({ KEEP_ALIVE_SECONDS: 'soon' })).toThrow(/KEEP_ALIVE_SECONDS/);
  });
});
