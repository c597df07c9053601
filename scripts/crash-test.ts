/**
 * npm run crash-test — runs the load, kills the service with SIGKILL once some orders were
 * acknowledged, restarts it and prints what it checked (see bench/http/crash-scenario.ts).
 * Exits 1 when an acknowledged order is missing or doubled, or a read model is inconsistent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrashScenario } from '../bench/http/crash-scenario';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ateliers-crash-'));
  try {
    const report = await runCrashScenario(dataDir, {
      families: Number(process.env.CRASH_FAMILIES ?? 400),
      children: Number(process.env.CRASH_CHILDREN ?? 600),
      killAfter: Number(process.env.CRASH_KILL_AFTER ?? 200),
    });
    console.log(JSON.stringify(report, null, 2));
    const ok =
      report.acknowledgedMissing.length === 0 &&
      report.orderPlacedDuplicates.length === 0 &&
      report.readModelsAheadOfEvents.length === 0 &&
      report.readModelLagAfterRestart === 0 &&
      report.retried.failed === 0 &&
      report.ordersSeenByFamilies === report.ordersInStore;
    console.log(ok ? 'crash test passed: nothing acknowledged was lost or doubled' : 'crash test FAILED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
