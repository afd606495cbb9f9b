// One table row per SKU, created once and updated in place, so a row under the pointer stays the same
// element while updates arrive (a click needs its mousedown and mouseup on one element).
import { el, fmtDec, fmtEta, fmtInt, fmtTime, gbp } from './format';
import type { InventoryRow } from './types';

const COLUMNS = ['sku', 'name', 'category', 'onHand', 'unitsLastHour', 'velocityRatio', 'stockoutEta', 'currentPrice', 'lastEventAt'] as const;
type Column = (typeof COLUMNS)[number];

const CLASSES: Record<Column, string> = {
  sku: 'mono',
  name: 'name',
  category: 'category',
  onHand: 'num',
  unitsLastHour: 'num col-sold',
  velocityRatio: 'num',
  stockoutEta: 'num',
  currentPrice: 'num',
  lastEventAt: 'num last-event',
};

export function createRow(sku: string): HTMLTableRowElement {
  const tr = el('tr', { 'data-sku': sku, tabindex: '0' });
  for (const col of COLUMNS) tr.append(el('td', { class: CLASSES[col], 'data-col': col }));
  return tr;
}

function setCell(tr: HTMLTableRowElement, col: Column, text: string, extra = '', title = ''): void {
  const td = tr.cells.item(COLUMNS.indexOf(col));
  if (!td) return;
  if (td.textContent !== text) td.textContent = text;
  const cls = extra ? `${CLASSES[col]} ${extra}` : CLASSES[col];
  if (td.className !== cls) td.className = cls;
  if (td.title !== title) td.title = title;
}

/** Writes `r` into its row. History rows (not live) show no velocity heat or stock-out ETA: those
 * figures describe the time of their last sale, not now. Negative stock is flagged, never shown as normal. */
export function updateRow(tr: HTMLTableRowElement, r: InventoryRow, live: boolean, flash: boolean, selected: boolean): void {
  const negative = r.onHand < 0;
  tr.dataset['category'] = r.category;
  tr.dataset['live'] = String(live);
  if (negative) tr.dataset['flag'] = 'negative-stock';
  else delete tr.dataset['flag'];
  tr.classList.toggle('low', r.lowStock && !negative);
  tr.classList.toggle('negative', negative);
  tr.classList.toggle('history', !live);
  tr.classList.toggle('selected', selected);
  if (flash) tr.animate([{ backgroundColor: 'rgba(79, 209, 197, .28)' }, { backgroundColor: 'transparent' }], { duration: 1500, easing: 'ease-out' });
  const ratio = r.velocityRatio;
  const heat = !live || ratio === null ? '' : ratio >= 1.5 ? 'hot' : ratio <= 0.5 ? 'cold' : '';
  setCell(tr, 'sku', r.sku);
  setCell(tr, 'name', r.name, '', r.name);
  setCell(tr, 'category', r.category, '', r.category);
  setCell(tr, 'onHand', fmtInt(r.onHand), '', negative ? 'Negative stock: more units went out than came in. Check restocks, returns and adjustments.' : '');
  setCell(tr, 'unitsLastHour', fmtInt(r.unitsLastHour));
  setCell(tr, 'velocityRatio', ratio === null ? '–' : `${fmtDec(ratio)}×`, heat);
  // ETA relative to the SKU's newest event (event time), so replayed history reads right too.
  setCell(tr, 'stockoutEta', live ? fmtEta(r.stockoutEta, Date.parse(r.lastEventAt)) : '–', '', live ? (r.stockoutEta ?? '') : 'history: no live sales');
  setCell(tr, 'currentPrice', gbp.format(r.currentPrice));
  const at = fmtTime(r.lastEventAt);
  setCell(tr, 'lastEventAt', live ? at.slice(11) : at.slice(0, 10), live ? 'is-live' : 'is-history', `${at} UTC${live ? '' : ' (history)'}`);
}
