import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './application/config/app-config';
import { configureApp } from './application/configure-app';

async function bootstrap(): Promise<void> {
  let module;
  try {
    module = AppModule.forRoot();
  } catch (error) {
    // a bad configuration stops the service with a message naming the value
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Ateliers listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}

void bootstrap();
