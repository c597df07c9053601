import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Worker } from 'node:worker_threads';

/**
 * The compiled script of a worker thread that sits beside the calling module. From `dist/` it is
 * beside the caller; when the caller runs from TypeScript sources (jest), the built one in `dist/`
 * is used: `npm run build` first (`npm test` does).
 *
 * @param callerFilename the caller's `__filename`
 * @param script the script's file name once built, for example `sqlite-writer.thread.js`
 */
export function builtScript(callerFilename: string, script: string): string {
  const callerDir = dirname(callerFilename);
  if (callerFilename.endsWith('.js')) return join(callerDir, script);
  const root = projectRoot(callerDir);
  const built = join(root, 'dist', relative(root, callerDir), script);
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  return built;
}

/** the project's folder (the nearest one above `from` holding package.json) */
export function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/**
 * Sends a worker thread the message that tells it to close, and waits until it has exited; the
 * thread holds the process meanwhile (an idle one may be unref'd), so that it closes its files.
 */
export async function closeThread(worker: Worker, message: unknown): Promise<void> {
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.ref();
  worker.postMessage(message);
  await exited;
}

/**
 * Gives the calling thread a name the operating system shows (Linux: `top -H`, `ps -L`,
 * /proc/<pid>/task/<tid>/comm), so that its CPU time can be told apart from V8's and libuv's
 * threads, all named after the process. Linux keeps 15 characters. Best effort: elsewhere, or
 * without /proc, the thread keeps the process's name.
 */
export function nameThisThread(name: string): void {
  if (process.platform !== 'linux') return;
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    // no /proc here: the name is only for people looking at the threads
  }
}
