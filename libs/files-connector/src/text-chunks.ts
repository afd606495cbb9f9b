// Reads a text file as UTF-8 chunks (never splitting a character), with bounded memory.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export async function* readTextChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const buf of createReadStream(path, { highWaterMark: chunkBytes })) {
    let text = decoder.write(buf as Buffer);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Lines of a text file (LF or CRLF), with 1-based line numbers. */
export async function* readLines(path: string): AsyncGenerator<{ text: string; line: number }> {
  let pending = '';
  let line = 0;
  for await (const chunk of readTextChunks(path)) {
    pending += chunk;
    let from = 0;
    for (;;) {
      const nl = pending.indexOf('\n', from);
      if (nl < 0) break;
      line++;
      const end = nl > from && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: pending.slice(from, end), line };
      from = nl + 1;
    }
    pending = pending.slice(from);
  }
  if (pending) yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, line: line + 1 };
}
