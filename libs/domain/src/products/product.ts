// The product dimension (the `products` table), in domain terms; prices in GBP with 2 decimals.
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly unitCost: number;
  readonly basePrice: number;
  readonly currentPrice: number;
  readonly priceFloor: number;
  readonly priceCeiling: number;
  readonly initialStock: number;
  readonly lowStockThreshold: number;
  readonly restockLeadHours: number;
}

export const DEFAULT_RESTOCK_LEAD_HOURS = 48;

export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
