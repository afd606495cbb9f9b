// Records that failed parsing or validation: kept with raw bytes, position and reason.

export interface DeadLetter {
  /** Source name (e.g. `kafka:sales`). */
  readonly source: string;
  /** Stable position, `<topic>/<partition>/<offset>` for Kafka: the idempotency key of a replay. */
  readonly position: string;
  readonly raw: Uint8Array | null;
  readonly code: string;
  readonly message: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
}

/** Where dead letters go; writing the same positions again must not duplicate them. */
export interface DeadLetterSink {
  write(letters: readonly DeadLetter[]): Promise<void>;
}

/** The JSON value of a dead-letter topic record: { raw (base64), code, message, topic, partition, offset }. */
export function deadLetterJson(letter: DeadLetter): string {
  return JSON.stringify({
    raw: letter.raw ? Buffer.from(letter.raw).toString('base64') : null,
    code: letter.code,
    message: letter.message,
    topic: letter.topic ?? null,
    partition: letter.partition ?? null,
    offset: letter.offset ?? null,
  });
}
