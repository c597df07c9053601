import { SetMetadata } from '@nestjs/common';
import { IEvent } from '@nestjs/cqrs';
import { Observable, filter } from 'rxjs';
import type { RecordedEvent } from '../../event-store/event-store.port';

/**
 * The one envelope in which stored events reach @nestjs/cqrs event handlers and sagas, after
 * they are durable. Nest routes by class, so every domain event travels in this class and
 * handlers filter on `type` (STYLE.md: no class per domain event).
 */
export class StoredEvent<Type extends string = string, Data = unknown> implements IEvent {
  constructor(readonly event: RecordedEvent<Type, Data>) {}
}

/** keep the stored events of the given types */
export function ofStoredType<Type extends string, Data = unknown>(...types: Type[]) {
  const wanted = new Set<string>(types);
  return (source: Observable<unknown>): Observable<StoredEvent<Type, Data>> =>
    source.pipe(filter((e): e is StoredEvent<Type, Data> => e instanceof StoredEvent && wanted.has(e.event.type)));
}

/** metadata key of `ReactsTo` */
export const STORED_EVENT_TYPES = 'ateliers:stored-event-types';

/**
 * Declares the types of stored events a provider's sagas or event handlers react to. The event
 * bus publishes only the types some provider declared (`StoredEventPublisher`): the store passes
 * over the others without reading them in full, and none of them is parsed on the thread that
 * serves requests. A saga or handler whose types are not declared receives nothing.
 */
export const ReactsTo = (...types: [string, ...string[]]) => SetMetadata(STORED_EVENT_TYPES, types);
