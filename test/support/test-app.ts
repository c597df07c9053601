import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { AppConfig } from '../../src/application/config/app-config';
import { configureApp } from '../../src/application/configure-app';
import { Clock, FixedClock } from '../../src/application/shared/clock';

/** The staff account every test app creates at start-up (STAFF_EMAIL / STAFF_PASSWORD); `staffAuth` signs it in. */
export const TEST_STAFF = { email: 'equipe@ateliers.test', password: 'staff-password-for-tests' } as const;

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  clock: FixedClock;
  dataDir: string;
  close: () => Promise<void>;
}

/**
 * The real Nest app over HTTP, on the real SQLite store in a temp directory, with a fixed clock.
 * `dataDir` can be given to reopen the same store (restart tests).
 */
export async function startTestApp(
  options: {
    now?: string;
    dataDir?: string;
    config?: Partial<Record<keyof AppConfig, string | number>>;
    /** extra modules, e.g. a recording event handler */
    imports?: Type[];
    /** providers replaced by a value, e.g. a fault to inject */
    overrides?: { provide: unknown; useValue: unknown }[];
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ateliers-app-'));
  const clock = new FixedClock(new Date(options.now ?? '2025-03-01T08:00:00.000Z'));
  const builder = Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        STAFF_EMAIL: TEST_STAFF.email,
        STAFF_PASSWORD: TEST_STAFF.password,
        // every request of a test comes from one address: the sign-in tests set their own limit
        SIGN_IN_LIMIT_PER_MINUTE: 10_000,
        // read models on the request thread: no build needed; the worker thread has tests of its own
        PROJECTIONS_THREAD: 'main',
        ...options.config,
      }),
      ...(options.imports ?? []),
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock);
  for (const { provide, useValue } of options.overrides ?? []) builder.overrideProvider(provide).useValue(useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    clock,
    dataDir,
    close: async () => {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
