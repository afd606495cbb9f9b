// Boots the API: validated config, migrations, Nest app with one error format, OpenAPI at /docs.
// Tests and the lead's end-to-end test call startApi({ databaseUrl, port: 0 }).
import 'reflect-metadata';
import { RequestMethod, ValidationPipe, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { runMigrations } from '@shelfstream/db';
import { createLogger, nestLogger } from '@shelfstream/platform';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { API_KEY_HEADER } from './auth/api-key';
import { loadApiConfig, type ApiConfig } from './config/api-config';
import { jsonBodyCheck } from './common/json-body-check.middleware';
import { ApiError } from './errors/api-error';
import { toErrorResponse } from './errors/error-response';
import { ConfiguredIoAdapter } from './realtime/configured-io.adapter';
import { parseOrigins } from './realtime/origin-policy';

export interface StartApiOptions {
  /** Overrides DATABASE_URL. */
  databaseUrl?: string;
  /** Overrides PORT; 0 picks a free port. */
  port?: number;
  /** Any other config values (they win over the environment). */
  config?: Partial<ApiConfig>;
  /** Apply pending migrations first (default true; serialized by an advisory lock). */
  migrate?: boolean;
  logLevels?: LogLevel[];
}

export interface RunningApi {
  app: INestApplication;
  config: ApiConfig;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export const API_PREFIX = 'api/v1';

export async function createApiApp(config: ApiConfig, logLevels?: LogLevel[]): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: nestLogger(createLogger('api'), logLevels ?? ['error', 'warn', 'log']), // JSON lines
  });
  app.disable('x-powered-by');
  app.useWebSocketAdapter(new ConfiguredIoAdapter(app, parseOrigins(config.SOCKET_CORS_ORIGINS)));
  app.set('etag', false); // live data: a SHA-1 of every body costs CPU and never validates
  app.use(express.json({ limit: '100kb' }));
  app.use(jsonBodyCheck(config.MAX_BODY_DEPTH));
  // Body-parser and body-check failures (bad JSON, too large, bad charset, too deep, prototype keys) answer in the API's error format.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const { status, body } = toErrorResponse(error);
    res.status(status).json(body);
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'health/live', method: RequestMethod.ALL },
      { path: 'health/ready', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.ALL },
      { path: '/', method: RequestMethod.GET },
      { path: 'assets/:file', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => {
        const problems = errors.flatMap((e) => Object.values(e.constraints ?? { [e.property]: `${e.property} is invalid` }));
        return new ApiError('VALIDATION_FAILED', problems.join('; '), problems);
      },
    }),
  );
  const doc = new DocumentBuilder()
    .setTitle('Shelfstream API')
    .setDescription('Live inventory, sales velocity, prices and pipeline progress. Errors are JSON {code, message}.')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', name: API_KEY_HEADER, in: 'header' }, 'api-key')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
  return app;
}

export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const config = loadApiConfig(process.env, {
    ...options.config,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.port !== undefined ? { PORT: options.port } : {}),
  });
  if (options.migrate ?? true) await runMigrations(config.DATABASE_URL);
  const app = await createApiApp(config, options.logLevels);
  await app.listen(config.PORT, config.HOST);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, config, port, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
