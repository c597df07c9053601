import { randomUUID } from 'node:crypto';
import { allocationRunDecider } from '../../src/allocation/allocation-run.decider';
import { allocationStream } from '../../src/allocation/allocation-run.events';
import { recordedDecisions, recordedInput } from '../../src/allocation/allocation-run.state';
import { allocateV1 } from '../../src/allocation/mechanism-v1';
import { verifyRun } from '../../src/allocation/replay';
import { fold } from '../../src/domain/shared/decider';
import { approved, proposedRun, round } from './allocation-run.fixtures';

describe('the allocation run stream', () => {
  it('is named after the run', () => {
    expect(allocationStream('42')).toBe('allocation-42');
  });

  it('keeps what was recorded: the approved decisions for the saga, the input for a replay', () => {
    const runId = randomUUID();
    const state = fold(allocationRunDecider, [...proposedRun(runId), approved(runId)]);
    if (state.status !== 'Approved') throw new Error(`expected an approved run, got ${state.status}`);
    expect(recordedDecisions(state.run)).toEqual(allocateV1(round(5)).decisions);
    expect(recordedInput(state.run)).toEqual(round(5));
    expect(verifyRun(recordedInput(state.run), recordedDecisions(state.run)).identical).toBe(true);
  });
});
