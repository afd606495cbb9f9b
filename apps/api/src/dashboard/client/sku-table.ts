// The live SKU table: loads a filtered page from the API, patches rows from `inventory.updated`,
// sorts on header click, highlights low stock and flashes rows that just changed.
import { byId, el, fmtDec, fmtEta, fmtInt, gbp, getJson } from './format';
import type { InventoryRow, Page } from './types';

type SortKey = 'sku' | 'name' | 'category' | 'onHand' | 'unitsLastHour' | 'velocityRatio' | 'stockoutEta' | 'currentPrice';
const SERVER_SORT: Partial<Record<SortKey, string>> = { sku: 'sku', onHand: 'on_hand', velocityRatio: 'velocity_ratio', stockoutEta: 'stockout_eta' };
const PAGE = 500;

export interface TableFilter {
  category: string;
  lowOnly: boolean;
  search: string;
}

export class SkuTable {
  private rows = new Map<string, InventoryRow>();
  private flashed = new Map<string, number>();
  private total = 0;
  private sortKey: SortKey = 'velocityRatio';
  private sortDir: 1 | -1 = -1;
  private filter: TableFilter = { category: '', lowOnly: false, search: '' };
  private selected: string | null = null;
  private renderQueued = false;
  private readonly body: HTMLTableSectionElement;

  constructor(private readonly onSelect: (sku: string) => void) {
    const table = byId<HTMLTableElement>('sku-table');
    this.body = table.tBodies[0]!;
    table.tHead!.addEventListener('click', (e) => {
      const th = (e.target as HTMLElement).closest('th');
      const key = th?.dataset['sort'] as SortKey | undefined;
      if (!key) return;
      this.sortDir = this.sortKey === key ? (this.sortDir === 1 ? -1 : 1) : key === 'velocityRatio' || key === 'unitsLastHour' ? -1 : 1;
      this.sortKey = key;
      void this.load();
    });
    this.body.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      const sku = tr?.dataset['sku'];
      if (!sku) return;
      this.selected = sku;
      this.onSelect(sku);
      this.queueRender();
    });
  }

  async setFilter(filter: TableFilter): Promise<void> {
    this.filter = filter;
    await this.load();
  }

  async load(): Promise<void> {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (this.filter.category) params.set('category', this.filter.category);
    if (this.filter.lowOnly) params.set('lowStock', 'true');
    if (this.filter.search) params.set('search', this.filter.search);
    const serverSort = SERVER_SORT[this.sortKey];
    if (serverSort) {
      params.set('sort', serverSort);
      params.set('order', this.sortDir === 1 ? 'asc' : 'desc');
    }
    const page = await getJson<Page<InventoryRow>>(`/api/v1/inventory?${params}`);
    this.rows = new Map(page.items.map((r) => [r.sku, r]));
    this.total = page.total;
    this.render();
  }

  /** Rows from `inventory.updated`. */
  apply(rows: InventoryRow[]): void {
    const now = performance.now();
    for (const row of rows) {
      if (this.accepts(row)) {
        if (!this.rows.has(row.sku)) this.total += 1;
        this.rows.set(row.sku, row);
        this.flashed.set(row.sku, now);
      } else if (this.rows.delete(row.sku)) {
        this.total -= 1;
      }
    }
    this.queueRender();
  }

  private accepts(row: InventoryRow): boolean {
    const f = this.filter;
    if (f.category && row.category !== f.category) return false;
    if (f.lowOnly && !row.lowStock) return false;
    if (f.search) {
      const s = f.search.toLowerCase();
      if (!row.sku.toLowerCase().startsWith(s) && !row.name.toLowerCase().includes(s)) return false;
    }
    return true;
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
    const value = (r: InventoryRow): string | number | null => (key === 'stockoutEta' ? (r.stockoutEta ? Date.parse(r.stockoutEta) : null) : r[key]);
    return [...this.rows.values()].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === null || vb === null) return va === vb ? a.sku.localeCompare(b.sku) : va === null ? 1 : -1; // nulls last
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return a.sku.localeCompare(b.sku);
    });
  }

  private render(): void {
    const now = performance.now();
    const fragment = document.createDocumentFragment();
    for (const r of this.sorted()) {
      const tr = el('tr', { 'data-sku': r.sku, 'data-category': r.category });
      if (r.lowStock) tr.classList.add('low');
      if (r.sku === this.selected) tr.classList.add('selected');
      const flashedAt = this.flashed.get(r.sku);
      if (flashedAt !== undefined && now - flashedAt < 1500) tr.classList.add('flash');
      const ratio = r.velocityRatio;
      const ratioClass = ratio === null ? '' : ratio >= 1.5 ? 'hot' : ratio <= 0.5 ? 'cold' : '';
      tr.append(
        el('td', { class: 'mono' }, r.sku),
        el('td', { class: 'name', title: r.name }, r.name),
        el('td', { class: 'category', title: r.category }, r.category),
        el('td', { class: 'num', 'data-col': 'onHand' }, fmtInt(r.onHand)),
        el('td', { class: 'num' }, fmtInt(r.unitsLastHour)),
        el('td', { class: `num ${ratioClass}`, 'data-col': 'velocityRatio' }, ratio === null ? '–' : `${fmtDec(ratio)}×`),
        // ETA relative to the SKU's newest event (event time), so replayed history reads right too.
        el('td', { class: 'num', 'data-col': 'stockoutEta', title: r.stockoutEta ?? '' }, fmtEta(r.stockoutEta, Date.parse(r.lastEventAt))),
        el('td', { class: 'num' }, gbp.format(r.currentPrice)),
      );
      fragment.append(tr);
    }
    this.body.replaceChildren(fragment);
    for (const th of document.querySelectorAll<HTMLElement>('#sku-table th')) {
      th.classList.toggle('sorted', th.dataset['sort'] === this.sortKey);
      th.dataset['dir'] = th.dataset['sort'] === this.sortKey ? (this.sortDir === 1 ? 'asc' : 'desc') : '';
    }
    byId('row-count').textContent = this.total > this.rows.size ? `${fmtInt(this.rows.size)} of ${fmtInt(this.total)} SKUs` : `${fmtInt(this.rows.size)} SKUs`;
  }
}
