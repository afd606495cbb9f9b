// A feed of price changes with their reasons, newest first.
import { el, fmtTime, gbp } from './format';
import type { PriceChange } from './types';

const KEEP = 40;

export function priceItem(c: PriceChange, withSku: boolean): HTMLLIElement {
  const up = c.newPrice > c.oldPrice;
  const li = el('li', { class: up ? 'up' : 'down' });
  const head = el('div', { class: 'feed-head' });
  if (withSku) head.append(el('span', { class: 'mono sku' }, c.sku));
  head.append(
    el('span', { class: 'price' }, `${Number.isFinite(c.oldPrice) ? gbp.format(c.oldPrice) : '?'} → ${gbp.format(c.newPrice)}`),
    el('span', { class: 'arrow' }, up ? '▲' : '▼'),
    el('span', { class: 'muted time' }, fmtTime(c.changedAt ?? c.decidedAt)),
  );
  li.append(head, el('div', { class: 'reason' }, `${c.rule ? `${c.rule}: ` : ''}${c.reason}`));
  return li;
}

export class PriceFeed {
  constructor(private readonly list: HTMLOListElement) {}

  show(changes: PriceChange[]): void {
    this.list.replaceChildren(...changes.slice(0, KEEP).map((c) => priceItem(c, true)));
    if (!changes.length) this.list.append(el('li', { class: 'muted empty' }, 'No price changes yet.'));
  }

  prepend(changes: PriceChange[]): void {
    this.list.querySelector('.empty')?.remove();
    for (const c of changes) this.list.prepend(priceItem(c, true));
    while (this.list.children.length > KEEP) this.list.lastElementChild?.remove();
  }
}
