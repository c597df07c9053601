import { main, Output } from '../../scripts/allocation-cli';
import { staffAuth } from '../support/journey';
import { startTestApp, TEST_STAFF, TestApp } from '../support/test-app';
import {
  AFTER_PHASES,
  allocationProgram,
  AllocationProgram,
  book,
  booker,
  closeRound,
  DURING_OPEN,
  eventually,
  OPEN_SEED,
} from '../application/allocation/allocation.fixtures';

/** Records what the CLI prints; counts progress-bar updates instead of drawing them. */
function recorder() {
  const lines: string[] = [];
  const tables: object[][] = [];
  const bars: Array<{ label: string; total: number; last: number; stopped: boolean }> = [];
  const out: Output = {
    log: (line) => lines.push(line),
    table: (rows) => tables.push(rows),
    progress: (total, label) => {
      const bar = { label, total, last: 0, stopped: false };
      bars.push(bar);
      return { update: (done) => (bar.last = done), stop: () => (bar.stopped = true) };
    },
  };
  return { out, lines, tables, bars };
}

describe('npm run allocation (the staff command line)', () => {
  let t: TestApp;
  let url: string;
  let program: AllocationProgram;
  const cli = (args: string[], out: Output) =>
    main([...args, '--url', url], out, {
      ATELIERS_STAFF_EMAIL: TEST_STAFF.email,
      ATELIERS_STAFF_PASSWORD: TEST_STAFF.password,
    });

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
    const staff = await staffAuth(t);
    program = await allocationProgram(t, staff, { judo: 2 });
    const bookers = [
      await booker(t, program.programId, 'RETURNING_MEMBER'),
      await booker(t, program.programId, 'NEW_FAMILY'),
      await booker(t, program.programId, 'NEW_FAMILY'),
    ];
    t.clock.set(DURING_OPEN);
    for (const b of bookers) await book(t, program.programId, b, [program.judo, program.english]);
    t.clock.set(AFTER_PHASES);
    await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);
  }, 60_000);
  afterAll(() => t.close());

  it('runs a round, shows the summary table, approves it following the saga, and verifies it', async () => {
    const run = recorder();
    await cli(['run', '--program', program.programId, '--round', program.phases.open], run.out);
    const runId = /approve ([0-9a-f-]{36})/.exec(run.lines.join('\n'))?.[1];
    expect(runId).toBeDefined();
    const activities = run.tables[0] as Array<Record<string, unknown>>;
    const judo = activities.find((row) => row.activity === 'Judo');
    expect(judo).toMatchObject({ capacity: 2, 'tier 1': 1, 'tier 2': 2, seated: 2, 'refused (full)': 1 });
    expect(run.bars[0]).toMatchObject({ last: 1, stopped: true });

    const approval = recorder();
    await cli(['approve', runId!], approval.out);
    expect(approval.lines[0]).toBe(`run ${runId} approved`);
    await eventually(async () => {
      const progress = await t
        .http()
        .get(`/allocations/${runId}/application`)
        .set('Authorization', await staffAuth(t));
      expect(progress.body.status).toBe('COMPLETED');
    });

    const verification = recorder();
    await cli(['verify', runId!], verification.out);
    expect(verification.tables[0]).toEqual([
      { 'decisions checked': 6, identical: true, 'seed matches commitment': true, differences: 0 },
    ]);
  });

  it('says what is missing, and what the service refused', async () => {
    await expect(cli(['run', '--program', program.programId], recorder().out)).rejects.toThrow('run needs --round');
    await expect(cli(['show', '00000000-0000-4000-8000-000000000000'], recorder().out)).rejects.toThrow(/404/);
    await expect(cli(['frobnicate'], recorder().out)).rejects.toThrow(/unknown command frobnicate/);
  });
});
