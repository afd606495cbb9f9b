// Readable failure text and codes read from fields. A cause may be anything a library throws (an
// Error, a string, a plain object): describeError never prints "[object Object]" or "undefined",
// and errorCodes walks the cause chain by its `code` fields, never by parsing message text.
const MAX_DEPTH = 8;

function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  } catch {
    return undefined;
  }
}

/** One line describing a thrown value: an Error's message (or name), a string, or the value as JSON. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message) return typeof code === 'string' ? `${code}: ${message}` : message;
    return json(error) ?? Object.prototype.toString.call(error);
  }
  return String(error);
}

/** A value for a message: primitives as text, objects as JSON (never "[object Object]"). */
export function describeValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) return json(value) ?? Object.prototype.toString.call(value);
  return String(value);
}

/** A source position (an Offset) for a message: its JSON, or "the beginning" when there is none yet. */
export function describeOffset(offset: unknown): string {
  return offset === undefined || offset === null ? 'the beginning' : (json(offset) ?? describeValue(offset));
}

/** The `code` fields of an error and of its causes (outermost first). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}

/** Whether the error or any error in its cause chain carries `code`. */
export const hasErrorCode = (error: unknown, code: string): boolean => errorCodes(error).includes(code);
