import { ReadModels } from '../../../src/application/projections/read-models';
import { EventStore } from '../../../src/event-store/event-store.port';
import { ReadDatabase } from '../../../src/projections/read-database';
import { amountsDueOf } from '../../../src/projections/reporting/amounts-due.query';
import { fillRatesOf } from '../../../src/projections/reporting/fill-rates.query';
import { replayReporting } from '../../../src/projections/reporting/reporting-replay';
import { rosterOf } from '../../../src/projections/reporting/roster.query';
import { startTestApp, TestApp } from '../../support/test-app';
import { staffBearer } from '../../support/tokens';
import { reportsScenario, Scenario, YEAR } from './reports.scenario';

describe('the reporting read models, rebuilt from the events', () => {
  let t: TestApp;
  let s: Scenario;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    s = await reportsScenario(t);
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());

  const reports = async () => {
    const paths = [
      `/reports/programs/${s.programId}/fill-rates`,
      `/reports/programs/${s.programId}/activities/${s.chess}/roster`,
      `/reports/programs/${s.programId}/activities/${s.pottery}/roster`,
      `/reports/amounts-due?schoolYear=${YEAR}`,
    ];
    const bodies = [];
    for (const path of paths) bodies.push((await t.http().get(path).set('Authorization', staff).expect(200)).body);
    return bodies;
  };

  it('gives the same reports after `npm run projections:rebuild` (ProjectionRunner.rebuild) as the live read models', async () => {
    const live = await reports();
    const db = t.app.get(ReadDatabase).db;
    // damaged first, so that only a rebuild from the events can give the same figures back
    db.exec('DELETE FROM report_reservations; DELETE FROM report_tiers');
    const events = await t.app.get(ReadModels).rebuild();
    expect(events).toBe(await t.app.get(EventStore).headPosition());
    expect(await reports()).toEqual(live);
    expect(live[0].activities[0].reserved).toBe(2);
  });

  it('gives the same figures replayed into memory up to the last event as the live read models', async () => {
    const store = t.app.get(EventStore);
    const read = t.app.get(ReadDatabase).db;
    const snapshot = await replayReporting(store, (await store.headPosition()) ?? 0);
    try {
      expect(fillRatesOf(snapshot.db, s.programId)).toEqual(fillRatesOf(read, s.programId));
      expect(rosterOf(snapshot.db, s.programId, s.pottery)).toEqual(rosterOf(read, s.programId, s.pottery));
      expect(amountsDueOf(snapshot.db, YEAR)).toEqual(amountsDueOf(read, YEAR));
    } finally {
      snapshot.db.close();
    }
  });
});
