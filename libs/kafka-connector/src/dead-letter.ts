// Records that failed parsing or validation: kept with raw bytes, position and reason. A letter is
// made storable once, where it is made (deadLetterOf): control characters in its text are escaped
// (Postgres text refuses NUL) and its copy of the raw bytes is cut to a bound with a marker, so
// neither the table nor a Kafka record (1 MB broker limit) can refuse it.

export interface DeadLetter {
  /** Source name (e.g. `kafka:sales`). */
  readonly source: string;
  /** Stable position, `<topic>/<partition>/<offset>` for Kafka: the idempotency key of a replay. */
  readonly position: string;
  /** The record's bytes, or their first `maxRawBytes` when `rawBytes` is larger. */
  readonly raw: Uint8Array | null;
  /** Size of the original record (bytes); larger than `raw` when the copy was truncated. */
  readonly rawBytes: number;
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

/** Default bound of a dead letter's raw copy: well under Kafka's 1 MB message limit once base64-encoded. */
export const DEFAULT_MAX_DEAD_LETTER_RAW_BYTES = 64 * 1024;
const MAX_MESSAGE_CHARS = 1000;

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/** Control characters as `\uXXXX` escapes: the text stays readable and fits a Postgres text column. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const isTruncated = (letter: DeadLetter): boolean => letter.raw !== null && letter.raw.byteLength < letter.rawBytes;

export interface DeadLetterInput extends Omit<DeadLetter, 'raw' | 'rawBytes'> {
  readonly raw: Uint8Array | null;
}

/** A storable letter: text escaped and bounded, raw bytes cut to `maxRawBytes` with a marker in the message. */
export function deadLetterOf(input: DeadLetterInput, maxRawBytes = DEFAULT_MAX_DEAD_LETTER_RAW_BYTES): DeadLetter {
  const rawBytes = input.raw?.byteLength ?? 0;
  const raw = input.raw && rawBytes > maxRawBytes ? input.raw.subarray(0, maxRawBytes) : input.raw;
  const text = input.message.length > MAX_MESSAGE_CHARS ? `${input.message.slice(0, MAX_MESSAGE_CHARS)}…` : input.message;
  const marker = raw && raw.byteLength < rawBytes ? ` [raw truncated: first ${raw.byteLength} of ${rawBytes} bytes kept]` : '';
  return {
    ...input,
    raw,
    rawBytes,
    message: `${escapeControls(text)}${marker}`,
    position: escapeControls(input.position),
    source: escapeControls(input.source),
  };
}

/** The JSON value of a dead-letter topic record: { raw (base64), raw_bytes, raw_truncated, code, message, topic, partition, offset }. */
export function deadLetterJson(letter: DeadLetter): string {
  return JSON.stringify({
    raw: letter.raw ? Buffer.from(letter.raw).toString('base64') : null,
    raw_bytes: letter.rawBytes,
    raw_truncated: isTruncated(letter),
    code: letter.code,
    message: letter.message,
    topic: letter.topic ?? null,
    partition: letter.partition ?? null,
    offset: letter.offset ?? null,
  });
}
