// A Kafka broker of our own on another port (infra's KAFKA_BROKERS=127.0.0.1:<port> mode, folder
// .infra/kafka-<port>), so restarting it disturbs nobody. Driven through scripts/infra/kafka.mjs in a
// child node process; a hard restart SIGKILLs the broker JVM whose pid infra recorded.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from './app-process';

const run = promisify(execFile);

export interface PrivateBroker {
  readonly brokers: string[];
  /** Whether this suite started it (then stop() stops it). */
  readonly startedHere: boolean;
  /** Graceful (SIGTERM, controlled shutdown) or hard (SIGKILL) restart; resolves when it answers again. */
  restart(hard: boolean): Promise<void>;
  stop(): Promise<void>;
}

async function infraKafka(port: number, call: 'kafkaUp()' | 'kafkaDown()' | 'kafkaAnswers()'): Promise<string> {
  const script = `import(${JSON.stringify(join(WORKSPACE_ROOT, 'scripts/infra/kafka.mjs'))}).then(async (m) => console.log(String(await m.${call})))`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, KAFKA_BROKERS: `127.0.0.1:${port}` },
    timeout: 180_000,
  });
  return stdout.trim();
}

function brokerPid(port: number): number | null {
  try {
    const record = JSON.parse(readFileSync(join(WORKSPACE_ROOT, '.infra', `kafka-${port}.started.json`), 'utf8')) as { pid?: number };
    return record.pid ?? null;
  } catch {
    return null;
  }
}

export async function startPrivateBroker(port: number): Promise<PrivateBroker> {
  const startedHere = (await infraKafka(port, 'kafkaAnswers()')) !== 'true';
  await infraKafka(port, 'kafkaUp()');
  return {
    brokers: [`127.0.0.1:${port}`],
    startedHere,
    async restart(hard) {
      if (!startedHere) throw new Error(`[CHAOS_BROKER] a broker was already answering on ${port} (not ours): stop it or set CHAOS_KAFKA_PORT`);
      if (hard) {
        const pid = brokerPid(port);
        if (pid === null) throw new Error(`[CHAOS_BROKER] no recorded pid for the broker on ${port}`);
        process.kill(pid, 'SIGKILL');
      } else {
        await infraKafka(port, 'kafkaDown()');
      }
      await infraKafka(port, 'kafkaUp()');
    },
    async stop() {
      if (startedHere) await infraKafka(port, 'kafkaDown()');
    },
  };
}
