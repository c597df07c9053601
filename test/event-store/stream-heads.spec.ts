import { StreamHeads } from '../../src/event-store/sqlite/stream-heads';

/** StreamHeads on its own: when a stream's last revision may be trusted without asking SQLite */
describe('StreamHeads', () => {
  it("knows a stream's revision after a transaction of ours, while the store's head is ours", () => {
    const heads = new StreamHeads(10);
    heads.committed({ before: 10, after: 12 }, [{ streamId: 's', revision: 1 }]);
    expect(heads.lastRevision('s', 12)).toBe(1);
    expect(heads.lastRevision('unknown', 12)).toBeUndefined();
  });

  it('forgets every stream when another connection committed between two transactions of ours', () => {
    const heads = new StreamHeads(0);
    heads.committed({ before: 0, after: 1 }, [{ streamId: 's', revision: 0 }]);
    // positions 2 and 3 are another process's: they may be events of 's'
    heads.committed({ before: 3, after: 4 }, [{ streamId: 't', revision: 0 }]);
    expect(heads.lastRevision('s', 4)).toBeUndefined();
    expect(heads.lastRevision('t', 4)).toBe(0);
  });

  it('trusts nothing while the head is beyond ours, and forgets everything once nothing of ours is unanswered', () => {
    const heads = new StreamHeads(0);
    heads.committed({ before: 0, after: 1 }, [{ streamId: 's', revision: 0 }]);
    heads.sent();
    // position 2 may be the transaction just sent: not trusted, not forgotten
    expect(heads.lastRevision('s', 2)).toBeUndefined();
    heads.answered();
    heads.committed({ before: 1, after: 2 }, [{ streamId: 't', revision: 0 }]);
    expect(heads.lastRevision('s', 2)).toBe(0);
    // position 3 is no transaction of ours: another process wrote
    expect(heads.lastRevision('s', 3)).toBeUndefined();
    expect(heads.lastRevision('t', 3)).toBeUndefined();
    heads.committed({ before: 3, after: 4 }, [{ streamId: 't', revision: 1 }]);
    expect(heads.lastRevision('t', 4)).toBe(1);
    expect(heads.size).toBe(1);
  });

  it('takes the answers of transactions committed together once (they share a span)', () => {
    const heads = new StreamHeads(5);
    heads.committed({ before: 5, after: 7 }, [{ streamId: 'a', revision: 0 }]);
    heads.committed({ before: 5, after: 7 }, [{ streamId: 'b', revision: 0 }]);
    expect([heads.lastRevision('a', 7), heads.lastRevision('b', 7)]).toEqual([0, 0]);
  });

  it('only moves a revision forwards, and keeps the most recently used streams', () => {
    const heads = new StreamHeads(0, 2);
    heads.learned('s', 4);
    heads.learned('s', 2);
    expect(heads.lastRevision('s', 0)).toBe(4);
    heads.learned('t', 0);
    heads.learned('u', 0);
    expect(heads.size).toBe(2);
    expect(heads.lastRevision('s', 0)).toBeUndefined();
  });
});
