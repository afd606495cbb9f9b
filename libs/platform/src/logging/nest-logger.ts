// Nest's own logs (bootstrap, routes, exceptions, Logger calls) as pino JSON lines. Shaped like Nest's
// LoggerService without importing Nest (the platform library stays framework-free): pass it as
// `NestFactory.create(Module, { logger: nestLogger(createLogger('api'), levels) })`.
import type { Logger } from 'pino';

/** Nest's log levels. */
export type NestLogLevel = 'verbose' | 'debug' | 'log' | 'warn' | 'error' | 'fatal';

const PINO_LEVEL = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' } as const;

const looksLikeStack = (value: unknown): value is string => typeof value === 'string' && /\n\s+at /.test(value);

export class NestPinoLogger {
  private levels: ReadonlySet<NestLogLevel>;

  constructor(
    private readonly logger: Logger,
    levels: readonly NestLogLevel[] = ['log', 'warn', 'error', 'fatal'],
  ) {
    this.levels = new Set(levels);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest calls this with the `logger: LogLevel[]` option of a later app, or `Logger.overrideLogger(levels)`. */
  setLogLevels(levels: readonly NestLogLevel[]): void {
    this.levels = new Set(levels);
  }

  /**
   * Nest passes `(message, ...params, context)`: the context (the class name) last, for errors a stack
   * before it (or undefined). Objects become fields, an Error becomes `err`.
   */
  private write(level: NestLogLevel, message: unknown, params: unknown[]): void {
    if (!this.levels.has(level)) return;
    const rest = [...params];
    const last = rest.at(-1);
    const context = typeof last === 'string' && !looksLikeStack(last) ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    const stack = rest.find(looksLikeStack);
    if (stack) fields.stack = stack;
    const extra = rest.filter((p) => p !== stack && p !== undefined);
    if (extra.length > 0) fields.params = extra;
    const pinoLevel = PINO_LEVEL[level];
    if (message instanceof Error) this.logger[pinoLevel]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[pinoLevel]({ ...fields, ...message });
    else this.logger[pinoLevel](fields, String(message));
  }
}

export function nestLogger(logger: Logger, levels?: readonly NestLogLevel[]): NestPinoLogger {
  return new NestPinoLogger(logger, levels);
}
