import { PositionWaiters } from '../../../src/application/projections/read-models';

describe('PositionWaiters', () => {
  it('asks for each position beyond those asked already, once, and releases its waiters as positions are reached', async () => {
    const asked: number[] = [];
    const waiters = new PositionWaiters((position) => asked.push(position));
    const released: number[] = [];
    const wait = (position: number) => waiters.wait(position, 10_000).then(() => released.push(position));
    const all = [wait(5), wait(3), wait(5), wait(8)];
    expect(asked).toEqual([5, 8]);
    waiters.reach(5);
    await Promise.resolve();
    expect(released.sort()).toEqual([3, 5, 5]);
    waiters.reach(8);
    await Promise.all(all);
    expect(released).toContain(8);
    // reached already: neither waited for nor asked
    await waiters.wait(6, 10_000);
    expect(asked).toEqual([5, 8]);
  });

  it('releases a waiter whose position is reached while it is being asked for (read models in the same thread)', async () => {
    const waiters: PositionWaiters = new PositionWaiters((position) => waiters.reach(position));
    await expect(waiters.wait(4, 10_000)).resolves.toBeUndefined();
    expect(waiters.position).toBe(4);
  });

  it('refuses a wait that outlasts its time limit, and forgets it', async () => {
    const waiters = new PositionWaiters();
    await expect(waiters.wait(3, 10)).rejects.toThrow('read models did not reach position 3');
    waiters.reach(3);
    expect(waiters.position).toBe(3);
  });
});
