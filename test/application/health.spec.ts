import { startTestApp, TestApp } from '../support/test-app';
import { httpWorkers, validateConfig } from '../../src/application/config/app-config';

describe('the service', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('reports itself and its event store healthy at /health', async () => {
    const response = await t.http().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info.eventStore).toEqual({ status: 'up', kind: 'sqlite' });
  });

  it('serves its OpenAPI description at /docs', async () => {
    const response = await t.http().get('/docs-json').expect(200);
    expect(response.body.info.title).toBe('Ateliers');
    expect(Object.keys(response.body.paths)).toContain('/health');
  });

  it('returns the caller correlation id, or makes one', async () => {
    const given = await t.http().get('/health').set('x-correlation-id', 'abc-123');
    expect(given.headers['x-correlation-id']).toBe('abc-123');
    const made = await t.http().get('/health');
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets standard security headers', async () => {
    const response = await t.http().get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unknown route with a 404', async () => {
    await t.http().get('/nowhere').expect(404);
  });
});

describe('configuration', () => {
  it('works with no environment at all', () => {
    expect(validateConfig({}).DATA_DIR).toBe('./data');
  });

  it('stops on a bad value, naming it', () => {
    expect(() => validateConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => validateConfig({ EVENTSTORE_CONNECTION_STRING: 'http://x' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('serves HTTP from one process up to 2 cores, from one worker per core above, at most 4', () => {
    expect([1, 2, 3, 4, 8].map((cores) => httpWorkers('auto', cores))).toEqual([1, 1, 3, 4, 4]);
    expect(httpWorkers('3', 2)).toBe(3);
  });

  it('refuses the default secret in production', () => {
    expect(() => validateConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
  });
});

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('exposes request latency per route pattern, append latency and projection lag in Prometheus format', async () => {
    await t.http().get('/health').expect(200);
    const response = await t.http().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1/,
    );
    expect(response.text).toContain('event_store_append_duration_seconds');
    expect(response.text).toMatch(/projection_lag_events \d+/);
  });
});

describe('configuration of optional values', () => {
  it('reads TRUST_PROXY and the staff account from the environment', () => {
    const config = validateConfig({
      TRUST_PROXY: '1',
      STAFF_EMAIL: 'team@example.org',
      STAFF_PASSWORD: 'long-enough-password',
    });
    expect(config.TRUST_PROXY).toBe('1');
    expect(config.STAFF_EMAIL).toBe('team@example.org');
  });
});
