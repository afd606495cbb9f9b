import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { configTable, withConfigTable, CONFIG_TABLE_END, CONFIG_TABLE_START } from './config-table';
import { brokerList, Var } from './config-vars';
import { loadConfig } from './load-config';

class Sample {
  @Var.int({ min: 1, max: 10, unit: 'ms' }, 'How long | to wait.')
  WAIT_MS = 5;

  @Var.bool('On or off.')
  ENABLED = false;

  @Var.postgresUrl('Database.')
  DATABASE_URL = 'postgres://localhost/db';

  @Var.redisUrl('Redis.')
  REDIS_URL = 'redis://localhost';

  @Var.kafkaBrokers('Brokers.')
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Var.optionalIsoTime('A time.')
  AS_OF: string | undefined = undefined;

  @Var.matching(/^[a-z]+$/, 'lower-case letters', 'A name.')
  NAME = 'abc';

  @Var.optionalText('A file.', { allowEmpty: true })
  FILE: string | undefined = undefined;

  notAVariable = 1;
}

describe('loadConfig', () => {
  it('keeps defaults and parses the environment', () => {
    const c = loadConfig(Sample, { WAIT_MS: '7', ENABLED: 'yes', KAFKA_BROKERS: 'a:1, b:2,', AS_OF: '2026-01-01T00:00:00Z', FILE: '', notAVariable: '9' });
    expect(c).toMatchObject({ WAIT_MS: 7, ENABLED: true, KAFKA_BROKERS: 'a:1,b:2', AS_OF: '2026-01-01T00:00:00Z', FILE: '', notAVariable: 1 });
    expect(brokerList(c.KAFKA_BROKERS)).toEqual(['a:1', 'b:2']);
    expect(loadConfig(Sample, {}, { WAIT_MS: 2 }).WAIT_MS).toBe(2);
  });

  it('lists every bad variable, in declaration order, in one INVALID_CONFIG error', () => {
    const env = { WAIT_MS: '11', ENABLED: 'maybe', DATABASE_URL: 'mysql://x', REDIS_URL: 'x', KAFKA_BROKERS: 'nope', AS_OF: 'yesterday', NAME: 'A' };
    let error: unknown;
    try {
      loadConfig(Sample, env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('INVALID_CONFIG');
    expect((error as ConfigError).problems).toEqual([
      'WAIT_MS="11": WAIT_MS must be an integer from 1 to 10',
      'ENABLED="maybe": ENABLED must be a boolean (true/false, 1/0, yes/no, on/off)',
      'DATABASE_URL="mysql://x": DATABASE_URL must be a postgres:// URL',
      'REDIS_URL="x": REDIS_URL must be a redis:// URL',
      'KAFKA_BROKERS="nope": KAFKA_BROKERS must be host:port[,host:port...]',
      'AS_OF="yesterday": AS_OF must be an ISO-8601 time',
      'NAME="A": NAME must be lower-case letters',
    ]);
  });
});

describe('configTable', () => {
  it('documents every variable with its type, default and description', () => {
    const table = configTable(Sample);
    expect(table.split('\n')).toHaveLength(2 + 8);
    expect(table).toContain('| `WAIT_MS` | integer (ms) 1..10 | `5` | How long \\| to wait. |');
    expect(table).toContain('| `AS_OF` | ISO-8601 time | (unset) | A time. |');
    expect(table).not.toContain('notAVariable');
  });

  it('replaces the text between the markers only', () => {
    const readme = `# App\n${CONFIG_TABLE_START}\nold\n${CONFIG_TABLE_END}\nafter\n`;
    expect(withConfigTable(readme, 'new')).toBe(`# App\n${CONFIG_TABLE_START}\nnew\n${CONFIG_TABLE_END}\nafter\n`);
    expect(() => withConfigTable('# App', 'new')).toThrow(/markers missing/);
  });
});
