import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigError } from './config-error';
import { type ConfigSchema, configVars } from './config-schema';

/**
 * Reads the schema's variables from `env` (unset ones keep their defaults), then `overrides`, and
 * validates all: a typed instance, or one ConfigError listing every bad variable.
 */
export function loadConfig<T extends object>(schema: ConfigSchema<T>, env: NodeJS.ProcessEnv = process.env, overrides: Partial<T> = {}): T {
  const raw: Record<string, unknown> = {};
  for (const { name } of configVars(schema)) if (env[name] !== undefined) raw[name] = env[name];
  const config = plainToInstance(schema, { ...raw, ...overrides });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length) {
    throw new ConfigError(errors.map((e) => `${e.property}=${JSON.stringify(raw[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`));
  }
  return config;
}
