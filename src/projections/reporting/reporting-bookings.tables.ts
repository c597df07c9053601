import type { ProjectionSchema } from '../projection';

/**
 * The reservations are indexed by program and activity only (fill rates, rosters, amounts due of
 * a program): an allocation then moves a status without touching any index. Every other table is
 * read by its primary key. `apply` writes by primary key only: the indexes serve the queries.
 */
export const BOOKING_SCHEMA: ProjectionSchema = {
  tables: `
    CREATE TABLE IF NOT EXISTS report_programs (
      program_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      cycle TEXT NOT NULL,
      school_year TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_activities (
      program_id TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      name TEXT NOT NULL,
      weekday TEXT NOT NULL,
      start_time TEXT NOT NULL,
      end_time TEXT NOT NULL,
      capacity INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('SCHEDULED', 'WITHDRAWN')),
      PRIMARY KEY (program_id, activity_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_phases (
      program_id TEXT NOT NULL,
      phase_id TEXT NOT NULL,
      name TEXT NOT NULL,
      opens_at TEXT NOT NULL,
      closes_at TEXT NOT NULL,
      closed_at TEXT,
      closed_position INTEGER,
      PRIMARY KEY (program_id, phase_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_orders (
      order_id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      child_id TEXT NOT NULL,
      program_id TEXT NOT NULL,
      billing_name TEXT NOT NULL,
      billing_address TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      position INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_reservations (
      reservation_id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL,
      program_id TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      activity_name TEXT NOT NULL,
      child_id TEXT NOT NULL,
      family_id TEXT NOT NULL,
      price_cents INTEGER NOT NULL,
      -- OR, not IN: SQLite builds a table for an IN list of three or more at every statement
      status TEXT NOT NULL CHECK (status = 'PENDING' OR status = 'RESERVED' OR status = 'CANCELLED'),
      reason TEXT,
      position INTEGER NOT NULL,
      line INTEGER NOT NULL
    ) WITHOUT ROWID;
  `,
  indexes: [
    'CREATE INDEX IF NOT EXISTS report_programs_by_year ON report_programs (school_year)',
    'CREATE INDEX IF NOT EXISTS report_reservations_by_activity ON report_reservations (program_id, activity_id)',
  ],
};
