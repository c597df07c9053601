import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { destination } from 'pino';
import { createSecretKey, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig, validateConfig } from './application/config/app-config';
import { InfrastructureModule } from './application/event-store/infrastructure.module';
import { HealthController } from './application/health/health.controller';
import { MetricsController } from './application/metrics/metrics.controller';
import { HttpMetricsMiddleware } from './application/metrics/http-metrics.middleware';
import { AuthGuard } from './application/auth/auth.guard';
import { ErrorFilter } from './application/shared/domain-error.filter';
import { SharedModule } from './application/shared/shared.module';
import { FEATURE_MODULES } from './application/feature-modules';
import { ReadYourWritesGuard } from './application/shared/read-your-writes.guard';

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** One JSON line per request, with a correlation id taken from the caller or made here. */
function loggerModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: [
      {
        level: config.LOG_LEVEL,
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const given = req.headers[CORRELATION_HEADER];
          const id = typeof given === 'string' && CORRELATION_PATTERN.test(given) ? given : randomUUID();
          res.setHeader(CORRELATION_HEADER, id);
          return id;
        },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      },
      // written asynchronously: a burst of requests does not wait on stdout
      destination({ dest: 1, sync: false }),
    ],
  });
}

@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }

  /** `overrides` take precedence over the environment (tests give a temp DATA_DIR, for example) */
  static forRoot(overrides: Partial<Record<keyof AppConfig, string | number>> = {}): DynamicModule {
    const config = validateConfig({ ...process.env, ...overrides });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...config })] }),
        loggerModule(config),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        JwtModule.register({
          global: true,
          // a KeyObject: given a string, the JWT library first tries it as a PEM key on every call
          secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
          signOptions: { expiresIn: config.TOKEN_TTL_SECONDS, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: AppConfig, useValue: config }],
          exports: [AppConfig],
        },
        InfrastructureModule.forRoot(),
        SharedModule,
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // after the AuthGuard: an anonymous or refused request waits for nothing
        { provide: APP_GUARD, useClass: ReadYourWritesGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
      exports: [],
    };
  }
}

@Module({})
class ConfigHolder {}
