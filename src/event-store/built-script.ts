import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

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
  let root = callerDir;
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  const built = join(root, 'dist', relative(root, callerDir), script);
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  return built;
}
