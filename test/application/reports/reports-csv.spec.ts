import { parse } from 'csv-parse/sync';
import type { Response } from 'superagent';
import { startTestApp, TestApp } from '../../support/test-app';
import { staffBearer } from '../../support/tokens';
import { CHESS, ELOISE_LAST_NAME, reportsScenario, Scenario, ZOE, ZOE_BILLING } from './reports.scenario';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** the body as bytes, to see the byte order mark as a spreadsheet does */
function bytes(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('reports as CSV files for a French spreadsheet', () => {
  let t: TestApp;
  let s: Scenario;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    s = await reportsScenario(t);
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());

  async function download(path: string, accept?: string) {
    const request = t.http().get(path).set('Authorization', staff);
    const response = await (accept ? request.set('Accept', accept) : request).buffer(true).parse(bytes).expect(200);
    const content = response.body as Buffer;
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(content.subarray(0, 3)).toEqual(BOM);
    expect(content.toString('utf8')).toContain('\r\n');
    const rows = parse(content, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    return { response, rows, header: content.subarray(3).toString('utf8').split('\r\n')[0] };
  }

  it('fill rates: one row per activity, names with accents, quotes and semicolons intact', async () => {
    const { response, rows, header } = await download(`/reports/programs/${s.programId}/fill-rates?format=csv`);
    const position = response.headers['x-as-of-position'];
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="fill-rates-activites-primaires-2025-2026-at-${position}.csv"`,
    );
    expect(
      header.startsWith('program_id;program;school_year;activity_id;activity;weekday;start;end;status;capacity;'),
    ).toBe(true);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      program: 'Activités Primaires 2025-2026',
      activity: CHESS,
      capacity: '2',
      pending: '0',
      reserved: '2',
      cancelled: '3',
      cancelled_CAPACITY: '2',
      cancelled_WRONG_CLASS: '1',
      seats_left: '0',
      requests: '4',
      fill_rate: '1',
      demand_ratio: '2',
      tier1_requests: '2',
      tier2_rejected_capacity: '2',
      tier_unknown_requests: '0',
    });
    expect(rows[1]).toMatchObject({ activity: 'Poterie', cancelled_INELIGIBLE: '1', demand_ratio: '1' });
  });

  it('rosters, asked with Accept: text/csv: a guardian’s phone starting with + is kept from running as a formula', async () => {
    const { response, rows } = await download(
      `/reports/programs/${s.programId}/activities/${s.chess}/roster`,
      'text/csv',
    );
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="roster-echecs-rapides-club-roi-at-\d+\.csv"$/,
    );
    expect(rows.map((row) => [row.last_name, row.first_name, row.class_level])).toEqual([
      [ELOISE_LAST_NAME, 'Éloïse', 'CP'],
      ['Martin', 'Jules', 'CE1'],
    ]);
    expect(rows[0]).toMatchObject({
      guardian1_name: `${ZOE.firstName} ${ZOE.lastName}`,
      guardian1_phone: `'${ZOE.phone}`,
      guardian2_name: 'Jean Dupré',
      guardian2_phone: '06 22 22 22 22',
      email: s.families.zoe.email,
      activity: CHESS,
      slot: 'MONDAY 16:30-17:30',
    });
    expect(rows[1]).toMatchObject({ guardian2_name: '', guardian2_phone: '' });
  });

  it('amounts due: euros with a dot beside exact cents, one row per family', async () => {
    const { rows } = await download('/reports/amounts-due?schoolYear=2025-2026&format=csv');
    expect(rows.map((row) => [row.billing_name, row.modules, row.total_euros, row.total_cents])).toEqual([
      ['Camille Martin', '2', '165.00', '16500'],
      ['Famille Bernard', '1', '120.00', '12000'],
      [ZOE_BILLING, '2', '165.00', '16500'],
    ]);
    expect(rows[2]).toMatchObject({
      school_year: '2025-2026',
      family_id: s.families.zoe.familyId,
      billing_address: '12 rue Victor Hugo, 92300 Levallois-Perret',
      details: `Éloïse ${ELOISE_LAST_NAME}: ${CHESS} 45.00 | Éloïse ${ELOISE_LAST_NAME}: Poterie 120.00`,
    });
  });

  it('as of an earlier position, says which in a header and in the file name', async () => {
    const path = `/reports/programs/${s.programId}/fill-rates?format=csv&asOfPosition=${s.closedAt}`;
    const { response, rows } = await download(path);
    expect(response.headers['x-as-of-position']).toBe(String(s.closedAt));
    expect(response.headers['content-disposition']).toContain(`-at-${s.closedAt}.csv"`);
    expect(rows.map((row) => [row.pending, row.reserved])).toEqual([
      ['4', '0'],
      ['4', '0'],
    ]);
  });

  it('answers JSON by default, for */*, and when format=json overrides the Accept header', async () => {
    const path = `/reports/programs/${s.programId}/fill-rates`;
    for (const [query, accept] of [
      ['', '*/*'],
      ['', 'application/json'],
      ['?format=json', 'text/csv'],
    ]) {
      const response = await t
        .http()
        .get(`${path}${query}`)
        .set('Authorization', staff)
        .set('Accept', accept)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers.vary).toMatch(/Accept/);
    }
  });
});
