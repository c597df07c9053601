import { Injectable } from '@nestjs/common';
import { ICommand, IEvent, Saga } from '@nestjs/cqrs';
import { mergeMap, Observable } from 'rxjs';
import type { AllocationApproved } from '../../allocation/allocation-run.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { ofStoredType, ReactsTo } from '../shared/stored-event';
import { ApplyAllocationCommand } from './apply-allocation.handler';

/**
 * PRODUCT.md: once staff approve a run, a saga applies its decisions to the orders. Idempotent:
 * the application is recorded in its own stream, so a second delivery finds it done.
 */
export function react(event: RecordedEvent<AllocationApproved['type'], AllocationApproved['data']>): ICommand[] {
  return [new ApplyAllocationCommand(event.data.runId)];
}

@Injectable()
@ReactsTo('AllocationApproved')
export class AllocationSaga {
  @Saga()
  allocationApproved = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofStoredType<AllocationApproved['type'], AllocationApproved['data']>('AllocationApproved'),
      mergeMap(({ event }) => react(event)),
    );
}
