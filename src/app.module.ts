import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { createSecretKey } from 'node:crypto';
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
import { nestLogs, REQUEST_LOGGER, requestLogger, type RequestLogger } from './application/shared/request-logging';

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(REQUEST_LOGGER) private readonly requests: RequestLogger) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.requests, HttpMetricsMiddleware).forRoutes('*');
  }

  /** `overrides` take precedence over the environment (tests give a temp DATA_DIR, for example) */
  static forRoot(overrides: Partial<Record<keyof AppConfig, string | number>> = {}): DynamicModule {
    const config = validateConfig({ ...process.env, ...overrides });
    const requests = requestLogger(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...config })] }),
        nestLogs(requests),
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
          providers: [
            { provide: AppConfig, useValue: config },
            { provide: REQUEST_LOGGER, useValue: requests },
          ],
          exports: [AppConfig, REQUEST_LOGGER],
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
