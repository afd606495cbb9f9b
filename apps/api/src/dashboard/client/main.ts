// Dashboard entry: REST for the initial state, socket.io for live updates (no reloads).
import { io } from 'socket.io-client';
import { PipelinePanel } from './pipeline-panel';
import { apiKey, byId, el, getJson, HttpError } from './format';
import { LiveClock } from './live-window';
import { PriceFeed } from './price-feed';
import { SkuDetailPanel } from './sku-detail';
import { SkuTable, type TableFilter } from './sku-table';
import type { BatchSummary, InventoryRow, LiveWindow, Page, PriceChange } from './types';
import './styles.css';

const clock = new LiveClock();
const detail = new SkuDetailPanel(clock);
const table = new SkuTable(clock, (sku) => void detail.show(sku));
const pipeline = new PipelinePanel();
const LAG_REFRESH_MS = 5_000;
const feed = new PriceFeed(byId<HTMLOListElement>('price-feed'));

const category = byId<HTMLSelectElement>('category');
const lowOnly = byId<HTMLInputElement>('low-only');
const liveOnly = byId<HTMLInputElement>('live-only');
const search = byId<HTMLInputElement>('search');

function currentFilter(): TableFilter {
  return { category: category.value, lowOnly: lowOnly.checked, liveOnly: liveOnly.checked, search: search.value.trim() };
}

async function loadCategories(): Promise<void> {
  const cats = await getJson<{ category: string; skus: number; lowStock: number }[]>('/api/v1/inventory/categories');
  const chosen = category.value;
  category.replaceChildren(el('option', { value: '' }, 'All categories'), ...cats.map((c) => el('option', { value: c.category }, `${c.category} (${c.skus})`)));
  category.value = chosen;
}

let searchTimer: number | undefined;
category.addEventListener('change', () => void table.setFilter(currentFilter()));
lowOnly.addEventListener('change', () => void table.setFilter(currentFilter()));
liveOnly.addEventListener('change', () => void table.setFilter(currentFilter()));
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void table.setFilter(currentFilter()), 250);
});

function setConnection(state: 'live' | 'off' | 'connecting', text: string): void {
  const pill = byId('connection');
  pill.dataset['state'] = state;
  pill.className = `pill pill-${state === 'live' ? 'on' : 'off'}`;
  pill.textContent = text;
}

const key = apiKey();
const socket = io({ transports: ['websocket'], ...(key ? { auth: { apiKey: key } } : {}) });
/** Reads need a key here and none (or a bad one) was given: ask for one. */
function askForKey(): void {
  setConnection('off', 'API key needed');
  byId('key-form').hidden = false;
}
byId('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = byId<HTMLInputElement>('key-input').value.trim();
  if (value) location.search = `?key=${encodeURIComponent(value)}`; // apiKey() keeps it for the session
});

socket.on('connect_error', (e: Error & { data?: { code?: string } }) =>
  e.data?.code === 'UNAUTHENTICATED' || e.data?.code === 'RATE_LIMITED' ? askForKey() : setConnection('off', 'reconnecting…'),
);
socket.on('connect', () => {
  setConnection('live', '● live');
  socket.emit('subscribe', { all: true });
  // Catch up on whatever changed while disconnected.
  void clock.load().then(() => Promise.all([table.load(), pipeline.load()]));
});
socket.on('disconnect', () => setConnection('off', 'reconnecting…'));
socket.on('inventory.updated', (e: { rows: InventoryRow[] }) => {
  table.apply(e.rows);
  detail.touched(e.rows.map((r) => r.sku));
});
socket.on('price.changed', (e: { changes: PriceChange[] }) => {
  feed.prepend(e.changes);
  detail.touched(e.changes.map((c) => c.sku));
});
socket.on('pipeline.progress', (b: BatchSummary) => pipeline.apply(b));
socket.on('live.window', (w: LiveWindow) => clock.apply(w));

async function start(): Promise<void> {
  await clock.load();
  await Promise.all([
    loadCategories(),
    table.load(),
    pipeline.load(),
    getJson<Page<PriceChange>>('/api/v1/prices/changes?limit=40').then((p) => feed.show(p.items)),
  ]);
  document.body.dataset['ready'] = 'true';
  window.setInterval(() => void loadCategories(), 30_000);
  // Offset lag grows while no batch commits (a stalled pipeline): re-read it between batches too.
  window.setInterval(() => void pipeline.refreshLag(), LAG_REFRESH_MS);
}

start().catch((error: unknown) => {
  if (error instanceof HttpError && (error.status === 401 || error.status === 403 || error.status === 429)) askForKey();
  else throw error;
});
