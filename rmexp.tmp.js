const { SqliteEventStore } = require('./dist/src/event-store/sqlite/sqlite-event-store');
const { ReadDatabase } = require('./dist/src/projections/read-database');
const { allProjections } = require('./dist/src/projections/all-projections');
const { setupTables, setupIndexes } = require('./dist/src/projections/projection');
const fs = require('fs');
const B = Number(process.argv[2]); const CUT = Number(process.argv[3] ?? 0.5);
const wchar = () => Number(/wchar: (\d+)/.exec(fs.readFileSync('/proc/self/io','utf8'))[1]);
(async () => {
  const store = new SqliteEventStore('/tmp/rmexp/events.sqlite');
  const events = await store.readAll({});
  const f = `/tmp/rmexp/rm-${B}.sqlite`; for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
  if (process.env.PS) { const D=require('better-sqlite3'); const d=new D(f); d.pragma('page_size='+process.env.PS); d.pragma('journal_mode=WAL'); d.close(); }
  const read = new ReadDatabase(f); console.log('page', read.db.pragma('page_size',{simple:true})); const db = read.db;
  const projections = allProjections(); if (process.env.AC) db.pragma('wal_autocheckpoint='+process.env.AC); if (process.env.SY) db.pragma('synchronous='+process.env.SY);
  for (const p of projections) setupTables(db, p);
  const cut = Math.floor(events.length * CUT);
  const apply = (batch) => db.transaction(() => { for (const p of projections) for (const e of batch) if (p.handles.has(e.type)) p.apply(db, e); })();
  apply(events.slice(0, cut));
  db.transaction(() => { for (const p of projections) setupIndexes(db, p); })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rest = events.slice(cut, cut + 12000);
  const w0 = wchar(); const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
  for (let i = 0; i < rest.length; i += B) apply(rest.slice(i, i + B));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6; const c = process.cpuUsage(c0);
  console.log(`batch ${B}: ${rest.length} events ${(1000*ms/rest.length).toFixed(1)} µs/event wall, user ${(1000*c.user/1000/rest.length).toFixed(1)} sys ${(1000*c.system/1000/rest.length).toFixed(1)} µs/event, written ${((wchar()-w0)/rest.length/1024).toFixed(1)} KB/event`);
  read.close(); await store.close();
})();
