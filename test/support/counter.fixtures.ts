import type Database from 'better-sqlite3';
import { Decider } from '../../src/domain/shared/decider';
import { Conflict } from '../../src/domain/shared/errors';
import { Projection } from '../../src/projections/projection';

/** A tiny decider and projection to test the plumbing without any real domain. */
export type TagEvent = { type: 'TagAdded'; data: { tag: string } };
export type TagCommand = { type: 'AddTag'; tag: string };
export type TagState = { tags: string[] };

export const tagDecider: Decider<TagCommand, TagEvent, TagState> = {
  initialState: { tags: [] },
  decide: (command, state) => {
    if (state.tags.includes(command.tag)) throw new Conflict(`${command.tag} is already there`, 'DUPLICATE_TAG');
    return [{ type: 'TagAdded', data: { tag: command.tag } }];
  },
  evolve: (state, event) => ({ tags: [...state.tags, event.data.tag] }),
};

export function tagCountProjection(version = 1): Projection {
  return {
    name: 'tag-count',
    version,
    tables: ['tag_count'],
    handles: new Set(['TagAdded']),
    setup: (db: Database.Database) =>
      db.exec('CREATE TABLE IF NOT EXISTS tag_count (stream_id TEXT PRIMARY KEY, tags INTEGER NOT NULL)'),
    apply: (db, event) => {
      db.prepare(
        'INSERT INTO tag_count (stream_id, tags) VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET tags = tags + 1',
      ).run(event.streamId);
    },
  };
}

export function tagCounts(db: Database.Database): Record<string, number> {
  const rows = db
    .prepare<[], { stream_id: string; tags: number }>('SELECT stream_id, tags FROM tag_count ORDER BY stream_id')
    .all();
  return Object.fromEntries(rows.map((r) => [r.stream_id, r.tags]));
}
