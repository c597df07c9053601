import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedVault } from '../../../src/application/seeds/seed-vault';
import { Commands } from '../../../src/application/shared/commands.service';
import { Conflict } from '../../../src/domain/shared/errors';
import {
  AFTER_PRIORITY,
  createProgram,
  definePhase,
  DURING_PRIORITY,
  PRIORITY_PHASE,
  seedFamily,
} from '../../support/program.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { parentBearer, staffBearer } from '../../support/tokens';

/** PRODUCT.md: the commitment is SHA-256 of the seed's bytes (the seed is written in hex). */
const sha256OfSeed = (seed: string) => createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');

describe('closing a booking phase commits the seed of its allocation', () => {
  let t: TestApp;
  let staff: string;
  let vault: SeedVault;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffBearer(t);
    vault = t.app.get(SeedVault);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-03-01T08:00:00.000Z'));

  async function aProgramWithItsPriorityPhase() {
    const programId = await createProgram(t, staff);
    const phaseId = await definePhase(t, staff, programId, PRIORITY_PHASE);
    return { programId, phaseId };
  }

  const close = (programId: string, phaseId: string, body?: object) => {
    const request = t.http().post(`/programs/${programId}/phases/${phaseId}/close`).set('Authorization', staff);
    return body === undefined ? request : request.send(body);
  };

  describe('given a phase still open', () => {
    it('refuses to close it before its deadline, and draws no seed', async () => {
      const { programId, phaseId } = await aProgramWithItsPriorityPhase();
      t.clock.set(DURING_PRIORITY);
      const response = await close(programId, phaseId).expect(409);
      expect(response.body).toMatchObject({ error: 'PHASE_STILL_OPEN' });
      expect(response.body.message).toContain(PRIORITY_PHASE.closesAt);
      expect(vault.commitmentOf(programId, phaseId)).toBeUndefined();
    });
  });

  describe('given a phase past its deadline', () => {
    it('records the SHA-256 of a vaulted seed, and shows it in the planning and the phases', async () => {
      const { programId, phaseId } = await aProgramWithItsPriorityPhase();
      t.clock.set(AFTER_PRIORITY);
      const response = await close(programId, phaseId).expect(200);
      const seed = await vault.reveal(programId, phaseId);
      expect(seed).toMatch(/^[0-9a-f]{64}$/);
      expect(response.body).toEqual({ phaseId, seedCommitment: sha256OfSeed(seed), closedAt: AFTER_PRIORITY });
      expect(vault.commitmentOf(programId, phaseId)).toBe(sha256OfSeed(seed));

      const planning = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff).expect(200);
      expect(planning.body.phases[0]).toMatchObject({
        phaseId,
        status: 'CLOSED',
        seedCommitment: sha256OfSeed(seed),
        closedAt: AFTER_PRIORITY,
      });
      const familyId = await seedFamily(t, { programIds: [programId] });
      const phases = await t
        .http()
        .get(`/programs/${programId}/phases`)
        .set('Authorization', await parentBearer(t, familyId))
        .expect(200);
      expect(phases.body.phases[0].seedCommitment).toBe(sha256OfSeed(seed));
    });

    it('keeps its seed in its own file, apart from the read models', async () => {
      expect(existsSync(join(t.dataDir, 'seeds.sqlite'))).toBe(true);
    });

    it('draws a different seed for each phase', async () => {
      const first = await aProgramWithItsPriorityPhase();
      const second = await aProgramWithItsPriorityPhase();
      t.clock.set(AFTER_PRIORITY);
      const a = await close(first.programId, first.phaseId).expect(200);
      const b = await close(second.programId, second.phaseId).expect(200);
      expect(a.body.seedCommitment).not.toBe(b.body.seedCommitment);
    });

    it('uses the seed staff give, written in either case', async () => {
      const { programId, phaseId } = await aProgramWithItsPriorityPhase();
      const seed = 'AB'.repeat(32);
      t.clock.set(AFTER_PRIORITY);
      const response = await close(programId, phaseId, { seed }).expect(200);
      expect(response.body.seedCommitment).toBe(sha256OfSeed(seed));
      expect(await vault.reveal(programId, phaseId)).toBe(seed.toLowerCase());
    });

    it('after a crash between the vault and the commitment, a retried close reuses the seed drawn first', async () => {
      const { programId, phaseId } = await aProgramWithItsPriorityPhase();
      t.clock.set(AFTER_PRIORITY);
      const commands = t.app.get(Commands);
      const appendFails = jest.spyOn(commands, 'run').mockRejectedValueOnce(new Error('the process died'));
      await close(programId, phaseId).expect(500);
      appendFails.mockRestore();
      const drawnFirst = vault.commitmentOf(programId, phaseId);
      expect(drawnFirst).toMatch(/^[0-9a-f]{64}$/);
      const { body } = await t.http().get(`/programs/${programId}/phases`).set('Authorization', staff);
      expect(body.phases[0].seedCommitment).toBeNull();

      const retried = await close(programId, phaseId).expect(200);
      expect(retried.body.seedCommitment).toBe(drawnFirst);
      expect(sha256OfSeed(await vault.reveal(programId, phaseId))).toBe(drawnFirst);
    });

    it('refuses a seed given by staff when another one was drawn for the phase already', async () => {
      const { programId, phaseId } = await aProgramWithItsPriorityPhase();
      t.clock.set(AFTER_PRIORITY);
      vault.keep(programId, phaseId, '1f'.repeat(32), t.clock.now());
      const response = await close(programId, phaseId, { seed: '2e'.repeat(32) }).expect(409);
      expect(response.body.error).toBe('SEED_ALREADY_DRAWN');
      expect(await close(programId, phaseId).expect(200)).toHaveProperty(
        'body.seedCommitment',
        sha256OfSeed('1f'.repeat(32)),
      );
    });

    it('refuses a second close, and the commitment stays the first one', async () => {
      const { programId, phaseId } = await aProgramWithItsPriorityPhase();
      t.clock.set(AFTER_PRIORITY);
      const first = await close(programId, phaseId).expect(200);
      t.clock.set('2025-05-28T10:00:00.000Z');
      const again = await close(programId, phaseId).expect(409);
      expect(again.body.error).toBe('PHASE_ALREADY_CLOSED');
      expect(vault.commitmentOf(programId, phaseId)).toBe(first.body.seedCommitment);
      const { body } = await t.http().get(`/programs/${programId}/phases`).set('Authorization', staff);
      expect(body.phases[0].seedCommitment).toBe(first.body.seedCommitment);
    });
  });

  describe('SeedVault.reveal', () => {
    it('reveals no seed before the phase is closed and its commitment recorded', async () => {
      const { programId, phaseId } = await aProgramWithItsPriorityPhase();
      vault.keep(programId, phaseId, '3c'.repeat(32), t.clock.now());
      await expect(vault.reveal(programId, phaseId)).rejects.toThrow(Conflict);
      await expect(vault.reveal(programId, phaseId)).rejects.toHaveProperty('code', 'PHASE_NOT_CLOSED');
    });
  });

  it('answers 404 for a phase the program does not have', async () => {
    const { programId } = await aProgramWithItsPriorityPhase();
    t.clock.set(AFTER_PRIORITY);
    const response = await close(programId, 'no-such-phase').expect(404);
    expect(response.body.error).toBe('PHASE_NOT_FOUND');
    expect(vault.commitmentOf(programId, 'no-such-phase')).toBeUndefined();
  });

  it('refuses a malformed seed, naming the field', async () => {
    const { programId, phaseId } = await aProgramWithItsPriorityPhase();
    t.clock.set(AFTER_PRIORITY);
    const response = await close(programId, phaseId, { seed: 'not-hex' }).expect(400);
    expect(response.body.message).toContain('seed must be 64 hexadecimal characters');
  });
});

describe('the seed vault', () => {
  it('keeps the seeds across a restart, so that the run can reveal them later', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ateliers-seeds-'));
    try {
      const before = await startTestApp({ dataDir });
      const staff = await staffBearer(before);
      const programId = await createProgram(before, staff);
      const phaseId = await definePhase(before, staff, programId, PRIORITY_PHASE);
      before.clock.set(AFTER_PRIORITY);
      const closed = await before
        .http()
        .post(`/programs/${programId}/phases/${phaseId}/close`)
        .set('Authorization', staff)
        .expect(200);
      await before.close();

      const after = await startTestApp({ dataDir });
      const seed = await after.app.get(SeedVault).reveal(programId, phaseId);
      expect(sha256OfSeed(seed)).toBe(closed.body.seedCommitment);
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
