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
