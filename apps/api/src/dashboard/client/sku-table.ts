// The live SKU table: one server page (recent activity first by default), patched from
// `inventory.updated`. The page keeps at most PAGE rows and the SKU count is always the server's (an
// update of a SKU outside the page triggers a recount, never a local +1). Rows are reused elements;
// while the pointer is over the table their order is frozen (values still update) so a row does not
// move away under a click.
import { byId, fmtInt, getJson } from './format';
import type { LiveClock } from './live-window';
import { createRow, updateRow } from './sku-row';
import type { InventoryRow, Page } from './types';

type SortKey = 'sku' | 'name' | 'category' | 'onHand' | 'unitsLastHour' | 'velocityRatio' | 'stockoutEta' | 'currentPrice' | 'lastEventAt';
const SERVER_SORT: Partial<Record<SortKey, string>> = {
  sku: 'sku',
  onHand: 'on_hand',
  velocityRatio: 'velocity_ratio',
  stockoutEta: 'stockout_eta',
  lastEventAt: 'last_event_at',
};
const DESCENDING_FIRST: SortKey[] = ['velocityRatio', 'unitsLastHour', 'lastEventAt'];
const PAGE = 500;

export interface TableFilter {
  category: string;
  lowOnly: boolean;
  liveOnly: boolean;
  search: string;
}

export class SkuTable {
  private rows = new Map<string, InventoryRow>();
  private readonly elements = new Map<string, HTMLTableRowElement>();
  /** SKUs updated since the last render (their rows flash once). */
  private readonly flashed = new Set<string>();
  private total = 0;
  private sortKey: SortKey = 'lastEventAt';
  private sortDir: 1 | -1 = -1;
  private filter: TableFilter = { category: '', lowOnly: false, liveOnly: false, search: '' };
  private selected: string | null = null;
  private renderQueued = false;
  private frozen = false;
  private recountTimer: number | undefined;
  private readonly body: HTMLTableSectionElement;

  constructor(
    private readonly clock: LiveClock,
    private readonly onSelect: (sku: string) => void,
  ) {
    const table = byId<HTMLTableElement>('sku-table');
    this.body = table.tBodies[0]!;
    table.tHead!.addEventListener('click', (e) => {
      const th = (e.target as HTMLElement).closest('th');
      const key = th?.dataset['sort'] as SortKey | undefined;
      if (!key) return;
      this.sortDir = this.sortKey === key ? (this.sortDir === 1 ? -1 : 1) : DESCENDING_FIRST.includes(key) ? -1 : 1;
      this.sortKey = key;
      void this.load();
    });
    const select = (e: Event) => {
      const sku = (e.target as HTMLElement).closest('tr')?.dataset['sku'];
      if (!sku) return;
      this.selected = sku;
      this.onSelect(sku);
      this.queueRender();
    };
    this.body.addEventListener('click', select);
    this.body.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') select(e);
    });
    this.body.addEventListener('pointerover', () => {
      if (!this.frozen) this.freeze(true);
    });
    this.body.addEventListener('pointerleave', () => this.freeze(false));
    clock.onChange(() => this.queueRender());
  }

  /** Live updates keep the row order (and which rows are on the page) while the pointer is over the
   * rows; a new query (filter, sort, reconnect) renders at once. */
  private freeze(on: boolean): void {
    this.frozen = on;
    this.body.dataset['frozen'] = String(on);
    if (!on) this.queueRender();
  }

  async setFilter(filter: TableFilter): Promise<void> {
    this.filter = filter;
    await this.load();
  }

  private params(limit: number): URLSearchParams {
    const params = new URLSearchParams({ limit: String(limit) });
    if (this.filter.category) params.set('category', this.filter.category);
    if (this.filter.lowOnly) params.set('lowStock', 'true');
    if (this.filter.liveOnly) params.set('live', 'true');
    if (this.filter.search) params.set('search', this.filter.search);
    const serverSort = SERVER_SORT[this.sortKey];
    if (serverSort) {
      params.set('sort', serverSort);
      params.set('order', this.sortDir === 1 ? 'asc' : 'desc');
    }
    return params;
  }

  async load(): Promise<void> {
    const page = await getJson<Page<InventoryRow>>(`/api/v1/inventory?${this.params(PAGE)}`);
    this.rows = new Map(page.items.map((r) => [r.sku, r]));
    this.total = page.total;
    this.render(false);
  }

  /** Rows from `inventory.updated`. */
  apply(rows: InventoryRow[]): void {
    let membershipChanged = false;
    for (const row of rows) {
      if (this.accepts(row)) {
        if (!this.rows.has(row.sku)) membershipChanged = true;
        this.rows.set(row.sku, row);
        this.flashed.add(row.sku);
      } else if (this.rows.delete(row.sku)) {
        membershipChanged = true;
      }
    }
    if (membershipChanged) this.recountSoon();
    this.queueRender();
  }

  private accepts(row: InventoryRow): boolean {
    const f = this.filter;
    if (f.category && row.category !== f.category) return false;
    if (f.lowOnly && !row.lowStock) return false;
    if (f.liveOnly && !this.clock.isLive(row.lastEventAt)) return false;
    if (f.search) {
      const s = f.search.toLowerCase();
      if (!row.sku.toLowerCase().startsWith(s) && !row.name.toLowerCase().includes(s)) return false;
    }
    return true;
  }

  /** The SKU count is the server's: re-read it (at most once a second) when rows enter or leave the page. */
  private recountSoon(): void {
    this.clock.refreshCountsSoon();
    if (this.recountTimer !== undefined) return;
    this.recountTimer = window.setTimeout(() => {
      this.recountTimer = undefined;
      void getJson<Page<InventoryRow>>(`/api/v1/inventory?${this.params(1)}`).then((p) => {
        this.total = p.total;
        this.renderCount();
      });
    }, 1000);
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  private sorted(): InventoryRow[] {
    const key = this.sortKey;
    const dir = this.sortDir;
    const value = (r: InventoryRow): string | number | null =>
      key === 'stockoutEta' ? (r.stockoutEta ? Date.parse(r.stockoutEta) : null) : key === 'lastEventAt' ? Date.parse(r.lastEventAt) : r[key];
    return [...this.rows.values()].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === null || vb === null) return va === vb ? a.sku.localeCompare(b.sku) : va === null ? 1 : -1; // nulls last
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return a.sku.localeCompare(b.sku);
    });
  }

  private render(holdOrder = this.frozen): void {
    // The page holds what the server would return now: the first PAGE rows in the current order.
    const page = this.sorted().slice(0, PAGE);
    if (this.rows.size > PAGE) this.rows = new Map(page.map((r) => [r.sku, r]));
    const shown = new Set(page.map((r) => r.sku));
    for (const [sku, tr] of this.elements) {
      if (shown.has(sku) || holdOrder) continue;
      tr.remove();
      this.elements.delete(sku);
    }
    for (const r of page) {
      let tr = this.elements.get(r.sku);
      if (!tr) {
        if (holdOrder) continue; // a new row would push the others down under the pointer
        tr = createRow(r.sku);
        this.elements.set(r.sku, tr);
      }
      updateRow(tr, r, this.clock.isLive(r.lastEventAt), this.flashed.delete(r.sku), r.sku === this.selected);
    }
    if (!holdOrder) {
      this.reorder(page);
      this.flashed.clear();
    }
    for (const th of document.querySelectorAll<HTMLElement>('#sku-table th')) {
      th.classList.toggle('sorted', th.dataset['sort'] === this.sortKey);
      th.dataset['dir'] = th.dataset['sort'] === this.sortKey ? (this.sortDir === 1 ? 'asc' : 'desc') : '';
    }
    this.renderCount();
  }

  /** Moves only rows that are out of place (a moved element keeps its identity and listeners). */
  private reorder(page: InventoryRow[]): void {
    let cursor = this.body.firstElementChild;
    for (const r of page) {
      const tr = this.elements.get(r.sku);
      if (!tr) continue;
      if (tr === cursor) cursor = cursor.nextElementSibling;
      else this.body.insertBefore(tr, cursor);
    }
  }

  private renderCount(): void {
    const shown = Math.min(this.rows.size, PAGE);
    const count = byId('row-count');
    count.dataset['total'] = String(this.total);
    count.textContent = this.total > shown ? `${fmtInt(shown)} of ${fmtInt(this.total)} SKUs` : `${fmtInt(this.total)} SKUs`;
  }
}
