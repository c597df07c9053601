// npm run lockfile:prune — run after `npm install` changes package-lock.json.
// The registry our machines and CI reach serves native packages only for their own platform
// (linux x64): the lock cannot hold @swc/core-darwin-arm64 and the like, and `npm ci` refuses a
// lock whose packages name optional dependencies it does not hold. This drops those names.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const held = new Set(Object.keys(lock.packages).map((path) => path.replace(/^.*node_modules\//, '')));
const dropped = new Set();
for (const entry of Object.values(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    if (held.has(name)) continue;
    delete entry.optionalDependencies[name];
    dropped.add(name);
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(dropped.size ? `dropped ${dropped.size} optional dependencies the lock cannot hold` : 'the lock is fine');
