// Prices travel as decimal pounds at the edges and as integer pence inside the policy.

export type Pence = number;

export function toPence(pounds: number): Pence {
  return Math.round(pounds * 100);
}

export function toPounds(pence: Pence): number {
  return Math.round(pence) / 100;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
