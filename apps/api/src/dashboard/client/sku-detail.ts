// The per-SKU panel: key facts, velocity chart and price history; refreshed when the SKU changes.
import { byId, el, fmtDec, fmtEta, fmtInt, fmtTime, gbp, getJson } from './format';
import type { LiveClock } from './live-window';
import { priceItem } from './price-feed';
import type { Page, PriceChange, SkuDetail } from './types';
import { DAY_SECONDS, VelocityChart, type ChartRange } from './velocity-chart';

export class SkuDetailPanel {
  private sku: string | null = null;
  private chart = new VelocityChart(byId('velocity-chart'));
  private refreshTimer: number | undefined;

  constructor(private readonly clock: LiveClock) {}

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
    const live = this.clock.isLive(inv.lastEventAt);
    const facts: [string, string, string?][] = [
      ['On hand', inv.onHand < 0 ? `${fmtInt(inv.onHand)} ⚠` : fmtInt(inv.onHand), inv.onHand < 0 ? 'negative' : inv.lowStock ? 'low' : ''],
      ['Velocity', inv.velocityRatio === null ? '–' : `${fmtDec(inv.velocityRatio)}×`],
      ['Next 24 h', fmtInt(detail.forecast.next24hUnits)],
      ['Stock-out', live ? fmtEta(detail.forecast.stockoutEta, Date.parse(inv.lastEventAt)) : '–'],
      ['Reorder', fmtInt(detail.forecast.reorderSuggestion)],
      ['Price', gbp.format(inv.currentPrice)],
      ['Last sale', live ? `${fmtTime(inv.lastEventAt).slice(11)} live` : `${fmtTime(inv.lastEventAt).slice(0, 10)} history`, live ? 'live' : 'history'],
    ];
    byId('detail-facts').replaceChildren(
      ...facts.map(([label, value, cls]) => {
        const box = el('div', { class: `fact ${cls ?? ''}` });
        box.append(el('div', { class: 'label' }, label), el('div', { class: 'value' }, value));
        return box;
      }),
    );
    this.chart.show(detail, this.chartRange(Date.parse(inv.lastEventAt), live));
    const list = byId<HTMLOListElement>('price-history');
    list.replaceChildren(...prices.items.map((c) => priceItem(c, false)));
    if (!prices.items.length) list.append(el('li', { class: 'muted empty' }, 'No price changes for this SKU.'));
  }

  /** The last 24 h of live time; before any stream, the 24 h before the SKU's own last sale. */
  private chartRange(lastEventMs: number, live: boolean): ChartRange {
    const clock = this.clock.nowMs;
    const endMs = clock === null ? lastEventMs : live ? Math.max(clock, lastEventMs) : clock;
    const to = Math.ceil(endMs / 1000);
    const range = { from: to - DAY_SECONDS, to, live: clock !== null };
    byId('chart-range').textContent = range.live
      ? `to ${fmtTime(new Date(endMs).toISOString())} UTC (live clock)${live ? '' : ' · no live sales: history only'}`
      : `no live stream: the 24 h to its last sale, ${fmtTime(new Date(endMs).toISOString())} UTC`;
    return range;
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
