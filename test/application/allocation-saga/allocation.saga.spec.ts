import { react } from '../../../src/application/allocation-saga/allocation.saga';
import { ApplyAllocationCommand } from '../../../src/application/allocation-saga/apply-allocation.handler';

const approved = {
  streamId: 'allocation-run-1',
  revision: 9,
  position: 1234,
  type: 'AllocationApproved' as const,
  data: {
    runId: 'run-1',
    programId: 'program-1',
    roundId: 'phase-1',
    approvedBy: 'staff-2',
    approvedAt: '2025-07-01T09:00:00.000Z',
    decisionCount: 400,
  },
  metadata: {
    eventId: 'event-1',
    correlationId: 'request-1',
    causationId: 'request-1',
    actor: 'staff:staff-2',
    timestamp: '2025-07-01T09:00:00.000Z',
    schemaVersion: 1,
  },
};

describe('the allocation saga reacts to AllocationApproved', () => {
  it('by applying the run’s decisions to the orders', () => {
    expect(react(approved)).toEqual([new ApplyAllocationCommand('run-1')]);
  });

  it('in the same way each time the event is delivered: the application itself is idempotent', () => {
    expect(react(approved)).toEqual(react({ ...approved, position: 5678 }));
  });
});
