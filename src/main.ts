import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import cluster from 'node:cluster';
import { AppModule } from './app.module';
import { runPrimary } from './application/cluster/cluster-primary';
import { AppConfig, httpWorkers, validateConfig } from './application/config/app-config';
import { configureApp } from './application/configure-app';

async function bootstrap(): Promise<void> {
  let module;
  let workers;
  let role: AppConfig['PROCESS_ROLE'];
  try {
    workers = httpWorkers(validateConfig(process.env).HTTP_WORKERS);
    role = cluster.isWorker ? 'http' : workers > 1 ? 'primary' : 'single';
    module = AppModule.forRoot({ PROCESS_ROLE: role });
  } catch (error) {
    // a bad configuration stops the service with a message naming the value
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  if (role === 'primary') {
    // the store's writer, the read models and the saga; HTTP is served by the workers it forks
    const app = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
    runPrimary(app, workers, app.get(Logger));
    return;
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureApp(app);
  if (role === 'http') {
    // the primary holds the store's writer: without it this worker can only fail, so it stops
    process.once('disconnect', () => process.exit(1));
  }
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Ateliers listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}

void bootstrap();
