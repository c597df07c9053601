/**
 * npm run projections:rebuild — drops every read model and rebuilds it from the first event,
 * then prints how many events it read and how fast. Run it with the service stopped (it writes
 * the read models' file the service would be writing).
 */
import { Logger } from '@nestjs/common';
import { validateConfig } from '../src/application/config/app-config';
import { openEventStore, openReadDatabase } from '../src/application/event-store/infrastructure.module';
import { ProjectionRunner } from '../src/application/projections/projection-runner';
import { allProjections } from '../src/projections/all-projections';

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const config = validateConfig(process.env);
  const store = await openEventStore(config);
  const read = openReadDatabase(config);
  const projections = allProjections();
  const runner = new ProjectionRunner(store, read, projections);
  const started = process.hrtime.bigint();
  const events = await runner.rebuild();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `rebuilt ${projections.length} read models (${projections.map((p) => p.name).join(', ')}) from ${events} events ` +
      `in ${seconds.toFixed(2)} s: ${Math.round(events / Math.max(seconds, 1e-9))} events/s (target ≥ 20,000)`,
  );
  await store.close();
  read.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
