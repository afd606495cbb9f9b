export const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : int.format(n));
export const fmtDec = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : dec.format(n));

/** "in 5 h", "in 2 d", "now" relative to `now`. */
export function fmtEta(iso: string | null, now = Date.now()): string {
  if (!iso) return '–';
  const h = (Date.parse(iso) - now) / 3_600_000;
  if (h <= 0) return 'now';
  if (h < 1) return `in ${Math.max(1, Math.round(h * 60))} min`;
  if (h < 48) return `in ${Math.round(h)} h`;
  return `in ${Math.round(h / 24)} d`;
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

/** An API key for deployments where reads need one: `/?key=...` once, then kept for the session. */
export function apiKey(): string | null {
  const fromUrl = new URLSearchParams(location.search).get('key');
  if (fromUrl) {
    sessionStorage.setItem('shelfstream-api-key', fromUrl);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('shelfstream-api-key');
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    path: string,
  ) {
    super(`${path}: ${status}`);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const key = apiKey();
  const res = await fetch(path, { headers: { accept: 'application/json', ...(key ? { 'x-api-key': key } : {}) } });
  if (!res.ok) throw new HttpError(res.status, path);
  return (await res.json()) as T;
}
