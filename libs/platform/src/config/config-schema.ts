// Runtime metadata of a config class: which properties are environment variables, their type and description.

/** A config class: its properties are variables, initialised to their defaults. */
export type ConfigSchema<T extends object = object> = new () => T;

export interface ConfigVarDoc {
  /** Human-readable type, e.g. `integer 0..65535` or `postgres URL`. */
  readonly type: string;
  readonly description: string;
  /** May be left unset (no default). */
  readonly optional: boolean;
}

export interface ConfigVar extends ConfigVarDoc {
  readonly name: string;
  readonly default: unknown;
}

const declared = new WeakMap<object, Map<string, ConfigVarDoc>>();

/** Called by the variable decorators (config-vars.ts). */
export function declareVar(prototype: object, name: string, doc: ConfigVarDoc): void {
  const vars = declared.get(prototype) ?? new Map<string, ConfigVarDoc>();
  vars.set(name, doc);
  declared.set(prototype, vars);
}

/** The variables of a schema in declaration order, with their defaults. */
export function configVars(schema: ConfigSchema): ConfigVar[] {
  const defaults = new schema() as Record<string, unknown>;
  return [...(declared.get(schema.prototype) ?? new Map<string, ConfigVarDoc>())].map(([name, doc]) => ({ name, ...doc, default: defaults[name] }));
}
