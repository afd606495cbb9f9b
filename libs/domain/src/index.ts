// @shelfstream/domain: retail knowledge without I/O.
export * from './errors/domain-error';
export * from './events/sales-event';
export * from './events/sales-event-validation';
export * from './products/product';
export * from './products/product-category';
export * from './retail/retail-csv';
export * from './retail/retail-mapping';
export * from './retail/retail-file';
export * from './retail/retail-catalog';
export * from './forecast/holt-winters';
export * from './forecast/stock-planning';
export * from './simulator/prng';
export * from './simulator/demand-cycles';
export * from './simulator/malformed-records';
export * from './simulator/sales-simulator';
export * from './pricing';
export * from './queries/inventory-state';
