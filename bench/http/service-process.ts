/** Starts the built service (dist/) as a child process on a data directory, as production would run it. */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../src/event-store/built-script';

/** the built service: run `npm run build` first (the scripts and `npm test` do) */
export function builtServiceEntry(): string {
  const entry = join(projectRoot(__dirname), 'dist', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  return entry;
}

export const BENCH_JWT_SECRET = 'bench-secret-0123456789-abcdefghijklmnop';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startService(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const log = openSync(join(dataDir, 'service.log'), 'a');
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), builtServiceEntry()],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        JWT_SECRET: BENCH_JWT_SECRET,
        SIGN_IN_LIMIT_PER_MINUTE: '1000000',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', log, log],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null)
      throw new Error(`the service exited with ${child.exitCode}; see ${join(dataDir, 'service.log')}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('the service did not start within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
