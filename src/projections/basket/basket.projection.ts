import type Database from 'better-sqlite3';
import type { BasketEvent } from '../../domain/basket/basket.events';
import type { OrderPlaced } from '../../domain/order/order.events';
import { assertNever } from '../../domain/shared/decider';
import type { Projection } from '../projection';
import { perDatabase } from '../per-database';

type Handled = BasketEvent | OrderPlaced;

/**
 * Each child's basket as the procedure shows it (step 3): its lines, one module each. Mirrors
 * `evolveBooking` for the basket: placing the order empties it.
 */
export const basketProjection: Projection = {
  name: 'basket',
  version: 1,
  tables: ['basket_lines'],
  setup(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS basket_lines (
        child_id TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        family_id TEXT NOT NULL,
        program_id TEXT NOT NULL,
        name TEXT NOT NULL,
        weekday TEXT NOT NULL,
        start_time TEXT NOT NULL,
        end_time TEXT NOT NULL,
        price_cents INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (child_id, activity_id)
      ) WITHOUT ROWID;
    `);
  },
  handles: new Set<Handled['type']>(['ActivityAdded', 'ActivityRemoved', 'OrderPlaced']),
  apply(db, recorded) {
    const s = statementsOf(db);
    const event = { type: recorded.type, data: recorded.data } as Handled;
    switch (event.type) {
      case 'ActivityAdded': {
        const { childId, activityId, familyId, programId, name, slot, priceCents, addedAt } = event.data;
        s.add.run(
          childId,
          activityId,
          familyId,
          programId,
          name,
          slot.weekday,
          slot.start,
          slot.end,
          priceCents,
          addedAt,
          recorded.position,
        );
        return;
      }
      case 'ActivityRemoved':
        s.remove.run(event.data.childId, event.data.activityId);
        return;
      case 'OrderPlaced':
        s.empty.run(event.data.childId);
        return;
      default:
        return assertNever(event);
    }
  },
};

const statementsOf = perDatabase(prepare);

function prepare(db: Database.Database) {
  return {
    add: db.prepare(
      `INSERT OR REPLACE INTO basket_lines
         (child_id, activity_id, family_id, program_id, name, weekday, start_time, end_time, price_cents, added_at, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    remove: db.prepare('DELETE FROM basket_lines WHERE child_id = ? AND activity_id = ?'),
    empty: db.prepare('DELETE FROM basket_lines WHERE child_id = ?'),
  };
}
