// The per-SKU panel: key facts, velocity chart and price history; refreshed when the SKU changes.
import { byId, el, fmtDec, fmtEta, fmtInt, gbp, getJson } from './format';
import { priceItem } from './price-feed';
import type { Page, PriceChange, SkuDetail } from './types';
import { VelocityChart } from './velocity-chart';

export class SkuDetailPanel {
  private sku: string | null = null;
  private chart = new VelocityChart(byId('velocity-chart'));
  private refreshTimer: number | undefined;

  get current(): string | null {
    return this.sku;
  }

  async show(sku: string): Promise<void> {
    this.sku = sku;
    const [detail, prices] = await Promise.all([
      getJson<SkuDetail>(`/api/v1/inventory/${encodeURIComponent(sku)}`),
      getJson<Page<PriceChange>>(`/api/v1/prices/${encodeURIComponent(sku)}/history?limit=20`),
    ]);
    if (this.sku !== sku) return;
    byId('detail-empty').hidden = true;
    byId('detail-body').hidden = false;
    const inv = detail.inventory;
    byId('detail-title').replaceChildren(el('span', { class: 'mono' }, inv.sku), document.createTextNode(` ${inv.name}`));
    const facts: [string, string, string?][] = [
      ['On hand', fmtInt(inv.onHand), inv.lowStock ? 'low' : ''],
      ['Velocity', inv.velocityRatio === null ? '–' : `${fmtDec(inv.velocityRatio)}×`],
      ['Next 24 h', fmtInt(detail.forecast.next24hUnits)],
      ['Stock-out', fmtEta(detail.forecast.stockoutEta, Date.parse(inv.lastEventAt))],
      ['Reorder', fmtInt(detail.forecast.reorderSuggestion)],
      ['Price', gbp.format(inv.currentPrice)],
    ];
    byId('detail-facts').replaceChildren(
      ...facts.map(([label, value, cls]) => {
        const box = el('div', { class: `fact ${cls ?? ''}` });
        box.append(el('div', { class: 'label' }, label), el('div', { class: 'value' }, value));
        return box;
      }),
    );
    this.chart.show(detail);
    const list = byId<HTMLOListElement>('price-history');
    list.replaceChildren(...prices.items.map((c) => priceItem(c, false)));
    if (!prices.items.length) list.append(el('li', { class: 'muted empty' }, 'No price changes for this SKU.'));
  }

  /** Re-reads the shown SKU at most every 2 s while updates arrive. */
  touched(skus: string[]): void {
    if (!this.sku || !skus.includes(this.sku) || this.refreshTimer !== undefined) return;
    this.refreshTimer = window.setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.sku) void this.show(this.sku);
    }, 2000);
  }
}
