import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppConfig } from './config/app-config';
import { createValidationPipe } from './shared/validation.pipe';

/** What every instance of the app needs, in production and in tests alike. */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: config.BODY_LIMIT, strict: true });
  express.disable('x-powered-by');
  if (config.TRUST_PROXY !== undefined) express.set('trust proxy', parseTrustProxy(config.TRUST_PROXY));
  app.use(helmet());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ateliers')
      .setDescription(
        'Booking and allocation of after-school activities. Parents fill a basket per child and place orders; ' +
          'staff validate accounts, publish programs and booking phases, and run the allocation.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
