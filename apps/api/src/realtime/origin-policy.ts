// Which browser origins may open the live feed: the API's own, plus SOCKET_CORS_ORIGINS. CORS headers
// alone do not stop a cross-origin WebSocket (browsers send no preflight for it), so the handshake
// itself is refused for other origins. Clients without an Origin header (servers, CLIs) are not browsers
// acting for a user and are let through; API keys guard them when reads need a key.
import type { IncomingMessage } from 'node:http';

export function parseOrigins(list: string): string[] {
  return list
    .split(',')
    .map((o) => o.trim().toLowerCase())
    .filter(Boolean);
}

export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin.toLowerCase())) return true;
  try {
    return new URL(origin).host === req.headers.host?.toLowerCase();
  } catch {
    return false;
  }
}
