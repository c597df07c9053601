import type Database from 'better-sqlite3';
import type { Projection } from '../projection';
import { reportingBookingsProjection } from './reporting-bookings.projection';
import { reportingFamiliesProjection } from './reporting-families.projection';

/** The read models behind every report: registered with the others, and replayed alone for a point in time. */
export const reportingProjections: readonly Projection[] = [reportingFamiliesProjection, reportingBookingsProjection];

const NAMES = JSON.stringify(reportingProjections.map((projection) => projection.name));

/**
 * The global position the reporting read models of the service's read database include (0 before
 * any event). The runner moves them in one transaction, so read together with a report's query,
 * synchronously, it says exactly which events the report reflects.
 */
export function reportingCheckpoint(db: Database.Database): number {
  const row = db
    .prepare<[string], { position: number | null }>(
      'SELECT MIN(position) AS position FROM projection_checkpoints WHERE name IN (SELECT value FROM json_each(?))',
    )
    .get(NAMES);
  return row?.position ?? 0;
}
