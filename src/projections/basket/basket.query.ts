import type Database from 'better-sqlite3';
import { formatModules } from '../../domain/basket/basket';
import type { Slot, Weekday } from '../../domain/shared/slot';
import type { ReadDatabase } from '../read-database';
import { formatEuros } from './money';

export interface BasketLineView {
  activityId: string;
  name: string;
  slot: Slot;
  priceCents: number;
  /** « 180,00 € » */
  price: string;
  /** « 1m »: one line is one module */
  modules: string;
  addedAt: string;
}

/** One child's basket: « 5m » for five modules, and the total (procedure, step 3). */
export interface BasketView {
  childId: string;
  /** the program of its lines; null when the basket is empty */
  programId: string | null;
  lines: BasketLineView[];
  moduleCount: number;
  modules: string;
  totalCents: number;
  total: string;
}

interface LineRow {
  activity_id: string;
  program_id: string;
  name: string;
  weekday: Weekday;
  start_time: string;
  end_time: string;
  price_cents: number;
  added_at: string;
}

/** Reads the basket read model: one indexed lookup per child (primary key prefix). */
export class BasketQuery {
  private statement?: Database.Statement<[string], LineRow>;

  constructor(private readonly read: ReadDatabase) {}

  basketOf(childId: string): BasketView {
    this.statement ??= this.read.db.prepare<[string], LineRow>(
      `SELECT activity_id, program_id, name, weekday, start_time, end_time, price_cents, added_at
       FROM basket_lines WHERE child_id = ? ORDER BY position`,
    );
    const rows = this.statement.all(childId);
    const lines = rows.map((row): BasketLineView => ({
      activityId: row.activity_id,
      name: row.name,
      slot: { weekday: row.weekday, start: row.start_time, end: row.end_time },
      priceCents: row.price_cents,
      price: formatEuros(row.price_cents),
      modules: formatModules(1),
      addedAt: row.added_at,
    }));
    const totalCents = lines.reduce((total, line) => total + line.priceCents, 0);
    return {
      childId,
      programId: rows[0]?.program_id ?? null,
      lines,
      moduleCount: lines.length,
      modules: formatModules(lines.length),
      totalCents,
      total: formatEuros(totalCents),
    };
  }
}
