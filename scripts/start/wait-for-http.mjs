// Polls a URL until it answers 2xx: `npm start` prints the dashboard address only once the API serves it.
import http from 'node:http';

/**
 * One GET; resolves with the status code, or null when nothing answers.
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<number | null>}
 */
function statusOf(url, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

/**
 * Resolves when `url` answers 2xx. Rejects once `isAlive()` turns false (the server's process is gone)
 * or after `timeoutMs`.
 * @param {string} url
 * @param {{ isAlive?: () => boolean, intervalMs?: number, timeoutMs?: number }} [options]
 */
export async function waitForHttp(url, { isAlive = () => true, intervalMs = 500, timeoutMs = 180_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (isAlive()) {
    last = await statusOf(url, Math.min(5_000, intervalMs * 4));
    if (last !== null && last >= 200 && last < 300) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 2xx in ${timeoutMs / 1000} s (last: ${last ?? 'no answer'})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url}: the process serving it is gone (last: ${last ?? 'no answer'})`);
}
