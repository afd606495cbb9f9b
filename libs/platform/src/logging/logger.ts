// JSON-lines logging for the apps: one pino logger per process, a `component` field per part.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger writing JSON lines to stdout (or `destination`), e.g. `{"level":"warn","component":"stream",...}`. */
export function createLogger(component: string, level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = { level, base: { component }, formatters: { level: (label: string) => ({ level: label }) }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
