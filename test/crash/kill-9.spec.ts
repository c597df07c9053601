import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrashReport, runCrashScenario } from '../../bench/http/crash-scenario';

/**
 * The built service (dist/, made by `npm test`'s pretest build) in a child process, on a real
 * SQLite store: orders placed concurrently, SIGKILL once some were acknowledged, restart.
 */
describe.each([
  ['one process', '1'],
  ['a cluster whose primary (the store writer) is killed', '2'],
])('given the service (%s) is killed with SIGKILL during the opening rush', (_name, workers) => {
  let dataDir: string;
  let report: CrashReport;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ateliers-kill9-'));
    report = await runCrashScenario(dataDir, {
      families: 60,
      children: 90,
      killAfter: 30,
      env: { HTTP_WORKERS: workers },
    });
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('was killed after some orders were acknowledged and before all were', () => {
    expect(report.acknowledgedBeforeKill).toBeGreaterThanOrEqual(30);
    expect(report.acknowledgedBeforeKill).toBeLessThan(report.ordersSent);
  });

  it('keeps every acknowledged order, exactly once, visible to its family', () => {
    expect(report.acknowledgedMissing).toEqual([]);
    expect(report.orderPlacedDuplicates).toEqual([]);
  });

  it('never had a read model ahead of the events, and the read models caught up by themselves', () => {
    expect(report.readModelsAheadOfEvents).toEqual([]);
    expect(report.readModelLagAfterRestart).toBe(0);
    expect(report.ordersSeenByFamilies).toBe(report.ordersInStore);
  });

  it('answers the unanswered requests, retried with their Idempotency-Key, with one order each', () => {
    expect(report.retried.failed).toBe(0);
    expect(report.ordersInStore).toBe(report.ordersSent);
  });
});
