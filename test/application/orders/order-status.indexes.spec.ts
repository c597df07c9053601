import Database from 'better-sqlite3';
import { basketProjection } from '../../../src/projections/basket/basket.projection';
import { BasketQuery } from '../../../src/projections/basket/basket.query';
import { orderStatusProjection } from '../../../src/projections/order-status/order-status.projection';
import { OrderStatusQuery } from '../../../src/projections/order-status/order-status.query';
import type { ReadDatabase } from '../../../src/projections/read-database';

/** PRODUCT.md's targets: every query of the basket and order-status read models is an index search. */
describe('the queries of the basket and order-status read models', () => {
  it('search an index, never scan a table', () => {
    const db = new Database(':memory:');
    basketProjection.setup(db);
    orderStatusProjection.setup(db);
    const statements: string[] = [];
    const recording = new Proxy(db, {
      get(target, property) {
        if (property !== 'prepare') return Reflect.get(target, property, target);
        return (sql: string) => {
          statements.push(sql);
          return target.prepare(sql);
        };
      },
    });
    const read = { db: recording } as unknown as ReadDatabase;
    const orders = new OrderStatusQuery(read);
    orders.ordersOf('family');
    orders.orderOf('family', 'order');
    orders.childOfReservation('order:activity');
    orders.reservation('order:activity');
    for (const status of [undefined, 'PENDING' as const]) {
      for (const activityId of [undefined, 'activity']) {
        orders.reservations({ programId: 'program', status, activityId }, { limit: 10 });
      }
    }
    new BasketQuery(read).basketOf('child');

    expect(statements.length).toBeGreaterThanOrEqual(9);
    for (const sql of statements) {
      const named = [...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], null]);
      const explain = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`);
      const rows =
        named.length > 0
          ? explain.all(Object.fromEntries(named))
          : explain.all(
              ...sql
                .split('?')
                .slice(1)
                .map(() => null),
            );
      const plan = rows.map((row) => row.detail);
      expect({ sql, scans: plan.filter((detail) => detail.startsWith('SCAN')) }).toEqual({ sql, scans: [] });
    }
  });
});
