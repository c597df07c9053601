/**
 * npm run allocation -- <command> …  — the staff's allocation operations from a terminal, through
 * the service's HTTP API (the same rules, the same audit trail as the web routes):
 *
 *   run --program <id> --round <phaseId>   run the allocation of a closed round, as a proposal
 *   list --program <id>                    every run of a program (discarded ones too)
 *   show <runId>                           the proposal: per activity, and fairness figures
 *   approve <runId>                        approve it, then follow the saga applying it
 *   discard <runId> --reason <text>        discard it (it stays in the trail)
 *   verify <runId>                         replay it from its recorded inputs and seed
 *
 * Options: --url (ATELIERS_URL, default http://localhost:3000), --email and --password
 * (ATELIERS_STAFF_EMAIL, ATELIERS_STAFF_PASSWORD).
 */
import { SingleBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';

export interface Output {
  log(line: string): void;
  table(rows: object[]): void;
  /** a progress bar on a terminal; nothing when the output is not one */
  progress(total: number, label: string): { update(done: number): void; stop(): void };
}

export const terminal: Output = {
  log: (line) => console.log(line),
  table: (rows) => console.table(rows),
  progress: (total, label) => {
    if (!process.stdout.isTTY) return { update: () => undefined, stop: () => undefined };
    const bar = new SingleBar(
      { format: `${label} [{bar}] {value}/{total} {percentage}% {duration_formatted}` },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  },
};

class Api {
  private auth = '';
  constructor(private readonly url: string) {}

  async signIn(email: string, password: string): Promise<void> {
    const body = await this.call<{ accessToken: string }>('POST', '/auth/sign-in', { email, password });
    this.auth = `Bearer ${body.accessToken}`;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.auth ? { authorization: this.auth } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as T & { message?: string }) : ({} as T & { message?: string });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${parsed.message ?? text}`);
    return parsed;
  }
}

interface ActivityRow {
  activityId: string;
  name: string | null;
  capacity: number;
  reservedBefore: number;
  requestsByTier: Record<string, number>;
  seated: number;
  refusedForCapacity: number;
  ineligible: number;
  seatsLeft: number;
  cutOff: { tier: number; lotteryNumber: string } | null;
}
interface FairnessFigures {
  children: number;
  childrenWithNoneSeated: number;
  requests: number;
  seated: number;
  shareSeated: number;
}
interface Report {
  runId: string;
  status: string;
  roundId: string;
  ranBy: string;
  ranAt: string;
  requestCount: number;
  seedCommitment: string;
  seed?: string;
  activities: ActivityRow[];
  fairness: (FairnessFigures & { byTier: Record<string, FairnessFigures> }) | null;
}

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;

function printReport(out: Output, report: Report): void {
  out.log(`run ${report.runId} — ${report.status}, round ${report.roundId}, ${report.requestCount} requests`);
  out.log(
    `ran by ${report.ranBy} at ${report.ranAt}; seed ${report.seed ?? '(hidden)'}; commitment ${report.seedCommitment}`,
  );
  out.table(
    report.activities.map((a) => ({
      activity: a.name ?? a.activityId,
      capacity: a.capacity,
      'taken before': a.reservedBefore,
      'tier 1': a.requestsByTier['1'] ?? 0,
      'tier 2': a.requestsByTier['2'] ?? 0,
      seated: a.seated,
      'refused (full)': a.refusedForCapacity,
      ineligible: a.ineligible,
      'seats left': a.seatsLeft,
      'cut-off': a.cutOff ? `tier ${a.cutOff.tier}, ${a.cutOff.lotteryNumber.slice(0, 12)}…` : '—',
    })),
  );
  if (report.fairness) {
    const f = report.fairness;
    out.table([
      {
        who: 'all',
        children: f.children,
        'with none seated': f.childrenWithNoneSeated,
        'share seated': percent(f.shareSeated),
      },
      ...Object.entries(f.byTier).map(([tier, t]) => ({
        who: `tier ${tier}`,
        children: t.children,
        'with none seated': t.childrenWithNoneSeated,
        'share seated': percent(t.shareSeated),
      })),
    ]);
  }
}

async function followApplication(api: Api, out: Output, runId: string): Promise<void> {
  let bar: ReturnType<Output['progress']> | undefined;
  for (let i = 0; i < 6000; i++) {
    const progress = await api.call<{
      status: string;
      chunkCount: number | null;
      chunksApplied: number;
      skipped: number;
    }>('GET', `/allocations/${runId}/application`);
    if (progress.chunkCount !== null) {
      bar ??= out.progress(progress.chunkCount, 'applying decisions (chunks)');
      bar.update(progress.chunksApplied);
    }
    if (progress.status === 'COMPLETED') {
      bar?.stop();
      out.log(
        `applied to the orders: ${progress.chunksApplied} chunks, ${progress.skipped} decisions skipped (reservation no longer pending)`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  bar?.stop();
  out.log('the decisions are still being applied; run `show` later to follow them');
}

export async function main(argv: string[], out: Output = terminal, env = process.env): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string', default: env.ATELIERS_URL ?? 'http://localhost:3000' },
      email: { type: 'string', default: env.ATELIERS_STAFF_EMAIL },
      password: { type: 'string', default: env.ATELIERS_STAFF_PASSWORD },
      program: { type: 'string' },
      round: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  const [command, runId] = positionals;
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new Error(`${command} needs ${what}`);
    return value;
  };
  if (!command)
    throw new Error(
      'usage: npm run allocation -- run|list|show|approve|discard|verify … (see scripts/allocation-cli.ts)',
    );
  const api = new Api(values.url);
  await api.signIn(
    need(values.email, '--email (or ATELIERS_STAFF_EMAIL)'),
    need(values.password, '--password (or ATELIERS_STAFF_PASSWORD)'),
  );
  switch (command) {
    case 'run': {
      const program = need(values.program, '--program');
      const bar = out.progress(1, 'deciding and recording');
      const report = await api.call<Report>('POST', `/programs/${program}/allocations`, {
        roundId: need(values.round, '--round'),
      });
      bar.update(1);
      bar.stop();
      printReport(out, report);
      out.log(`a proposal: review it, then \`approve ${report.runId}\` or \`discard ${report.runId} --reason …\``);
      return;
    }
    case 'list': {
      const { runs } = await api.call<{ runs: Report[] }>(
        'GET',
        `/programs/${need(values.program, '--program')}/allocations`,
      );
      out.table(
        runs.map((r) => ({
          run: r.runId,
          round: r.roundId,
          status: r.status,
          requests: r.requestCount,
          ranAt: r.ranAt,
        })),
      );
      return;
    }
    case 'show':
      printReport(out, await api.call<Report>('GET', `/allocations/${need(runId, 'a run id')}`));
      return;
    case 'approve': {
      const run = await api.call<Report>('POST', `/allocations/${need(runId, 'a run id')}/approval`);
      out.log(`run ${run.runId} approved`);
      await followApplication(api, out, run.runId);
      return;
    }
    case 'discard': {
      const run = await api.call<Report>('POST', `/allocations/${need(runId, 'a run id')}/discard`, {
        reason: need(values.reason, '--reason'),
      });
      out.log(`run ${run.runId} discarded; it stays in the trail`);
      return;
    }
    case 'verify': {
      const v = await api.call<{
        identical: boolean;
        checked: number;
        seedMatchesCommitment: boolean;
        differenceCount: number;
      }>('POST', `/allocations/${need(runId, 'a run id')}/verification`);
      out.table([
        {
          'decisions checked': v.checked,
          identical: v.identical,
          'seed matches commitment': v.seedMatchesCommitment,
          differences: v.differenceCount,
        },
      ]);
      return;
    }
    default:
      throw new Error(`unknown command ${command}: run, list, show, approve, discard or verify`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
