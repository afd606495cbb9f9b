// Starts the worker as a NestJS standalone application context (no HTTP listener).
import 'reflect-metadata';
import { type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, nestLogger } from '@shelfstream/platform';
import { PricingBotModule, type PricingBotOptions } from './pricing-bot.module';

export async function startPricingBot(options: PricingBotOptions, logLevels: LogLevel[] = ['log', 'warn', 'error']): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(PricingBotModule.forRoot(options), {
    logger: nestLogger(createLogger('pricing-bot', options.config.LOG_LEVEL), logLevels), // JSON lines
  });
  app.enableShutdownHooks();
  return app;
}
