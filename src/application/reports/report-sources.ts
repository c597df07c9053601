import { BadRequestException, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EventStore } from '../../event-store/event-store.port';
import { ReadDatabase } from '../../projections/read-database';
import { reportingCheckpoint } from '../../projections/reporting/reporting.projections';
import { positionAt, replayReporting } from '../../projections/reporting/reporting-replay';
import type { ReportQueryDto } from './report.dto';

export type AsOf = { at: 'now' } | { at: 'position'; position: number } | { at: 'time'; instant: Date };

export interface AsOfReport<T> {
  report: T;
  /** the global position of the last event the figures include; 0 when none */
  asOfPosition: number;
}

/**
 * Where a report reads from: the live read models, or for an earlier point, the reporting
 * projections replayed up to it into a database of its own (never the event store at request
 * time for today's figures). One replay at a time, so that a burst of requests for the past
 * cannot hold many copies of the read models at once.
 */
@Injectable()
export class ReportSources {
  private replays: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly read: ReadDatabase,
  ) {}

  async query<T>(asOf: AsOf, query: (db: Database.Database) => T): Promise<AsOfReport<T>> {
    if (asOf.at === 'now') return this.live(query);
    const head = (await this.store.headPosition()) ?? 0;
    const wanted = asOf.at === 'position' ? Math.min(asOf.position, head) : await positionAt(this.store, asOf.instant);
    // read together, synchronously: the live read models are exactly at `wanted`
    if (wanted === reportingCheckpoint(this.read.db)) return this.live(query);
    const replay = this.replays.then(async () => {
      const snapshot = await replayReporting(this.store, wanted);
      try {
        return { report: query(snapshot.db), asOfPosition: snapshot.position };
      } finally {
        snapshot.db.close();
      }
    });
    this.replays = replay.catch(() => undefined);
    return replay;
  }

  private live<T>(query: (db: Database.Database) => T): AsOfReport<T> {
    return { asOfPosition: reportingCheckpoint(this.read.db), report: query(this.read.db) };
  }
}

export function asOfOf({ asOfPosition, asOf }: ReportQueryDto): AsOf {
  if (asOfPosition !== undefined && asOf !== undefined) {
    throw new BadRequestException({
      error: 'INVALID_INPUT',
      message: 'Give either asOfPosition or asOf, not both.',
    });
  }
  if (asOfPosition !== undefined) {
    const position = Number(asOfPosition);
    if (!Number.isSafeInteger(position)) {
      throw new BadRequestException({ error: 'INVALID_INPUT', message: 'asOfPosition is too large.' });
    }
    return { at: 'position', position };
  }
  if (asOf !== undefined) {
    const instant = new Date(asOf);
    if (Number.isNaN(instant.getTime())) {
      throw new BadRequestException({ error: 'INVALID_INPUT', message: `asOf: "${asOf}" is not a valid instant.` });
    }
    return { at: 'time', instant };
  }
  return { at: 'now' };
}
