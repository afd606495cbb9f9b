// The variable decorators: each one parses the raw string, validates it with one message, and records the
// type and description shown in the generated config tables. Written once for every app.
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import { declareVar } from './config-schema';

type Check = (value: unknown) => boolean;
type Parse = (value: unknown) => unknown;

interface VarRule {
  readonly type: string;
  /** Completes "NAME must be ...". */
  readonly must: string;
  readonly check: Check;
  readonly parse?: Parse;
  readonly optional?: boolean;
}

function variable(rule: VarRule, description: string): PropertyDecorator {
  return (prototype, key) => {
    const name = String(key);
    declareVar(prototype, name, { type: rule.type, description, optional: rule.optional ?? false });
    if (rule.parse) {
      const parse = rule.parse;
      Transform(({ value }) => parse(value))(prototype, name);
    }
    if (rule.optional) IsOptional()(prototype, name);
    ValidateBy({ name: 'configVar', validator: { validate: rule.check, defaultMessage: () => `${name} must be ${rule.must}` } })(prototype, name);
  };
}

const isText: Check = (v) => typeof v === 'string';
const isNonEmptyText: Check = (v) => typeof v === 'string' && v.trim() !== '';
const matches =
  (pattern: RegExp): Check =>
  (v) =>
    typeof v === 'string' && pattern.test(v);
const isUrl =
  (scheme: RegExp): Check =>
  (v) =>
    typeof v === 'string' && scheme.test(v) && URL.canParse(v);

const toInt: Parse = (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v);
const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];
const toBool: Parse = (v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return TRUE.includes(s) ? true : FALSE.includes(s) ? false : v;
};
/** `a:1, b:2,` -> `a:1,b:2` */
const toBrokerList: Parse = (v) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean)
        .join(',')
    : v;

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  return max !== undefined ? ` of at most ${max}` : '';
}

export interface IntRange {
  readonly min?: number;
  readonly max?: number;
  /** Shown after the type, e.g. `ms`. */
  readonly unit?: string;
}

/** Property decorators for config classes (see loadConfig). */
export const Var = {
  int: ({ min, max, unit }: IntRange, description: string): PropertyDecorator =>
    variable(
      {
        type: `integer${unit ? ` (${unit})` : ''}${min !== undefined || max !== undefined ? ` ${min ?? ''}..${max ?? ''}` : ''}`,
        must: `an integer${rangeText(min, max)}`,
        parse: toInt,
        check: (v) => Number.isInteger(v) && (min === undefined || (v as number) >= min) && (max === undefined || (v as number) <= max),
      },
      description,
    ),
  bool: (description: string): PropertyDecorator =>
    variable({ type: 'boolean', must: 'a boolean (true/false, 1/0, yes/no, on/off)', parse: toBool, check: (v) => typeof v === 'boolean' }, description),
  /** A non-empty string. */
  text: (description: string): PropertyDecorator => variable({ type: 'string', must: 'a non-empty string', check: isNonEmptyText }, description),
  /** Unset by default; when set, a string (non-empty unless `allowEmpty`). */
  optionalText: (description: string, { allowEmpty = false } = {}): PropertyDecorator =>
    variable(
      { type: 'string', must: allowEmpty ? 'a string' : 'a non-empty string', check: allowEmpty ? isText : isNonEmptyText, optional: true },
      description,
    ),
  /** A string matching `pattern`; `type` names the format ("NAME must be <type>"). */
  matching: (pattern: RegExp, type: string, description: string): PropertyDecorator => variable({ type, must: type, check: matches(pattern) }, description),
  postgresUrl: (description: string): PropertyDecorator =>
    variable({ type: 'postgres URL', must: 'a postgres:// URL', check: isUrl(/^postgres(ql)?:\/\//) }, description),
  redisUrl: (description: string): PropertyDecorator => variable({ type: 'redis URL', must: 'a redis:// URL', check: isUrl(/^rediss?:\/\//) }, description),
  /** Comma-separated `host:port` list (spaces and empty entries dropped). */
  kafkaBrokers: (description: string): PropertyDecorator =>
    variable({ type: 'host:port list', must: 'host:port[,host:port...]', parse: toBrokerList, check: matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/) }, description),
  /** One of `values`. */
  oneOf: (values: readonly string[], description: string): PropertyDecorator =>
    variable({ type: values.join(' / '), must: `one of ${values.join(', ')}`, check: (v) => typeof v === 'string' && values.includes(v) }, description),
  /** Unset by default; when set, an ISO-8601 time. */
  optionalIsoTime: (description: string): PropertyDecorator =>
    variable(
      { type: 'ISO-8601 time', must: 'an ISO-8601 time', check: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), optional: true },
      description,
    ),
};

/** `a:1,b:2` -> `['a:1', 'b:2']` (a validated KAFKA_BROKERS value). */
export function brokerList(brokers: string): string[] {
  return brokers.split(',');
}
