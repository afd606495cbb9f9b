// @shelfstream/db: TypeORM entities, migrations, the DataSource factory and commit-notification contracts.
export * from './channels';
export * from './data-source';
export * from './ensure-database';
export * from './transformers';
export { ENTITIES } from './entities';
export { MIGRATIONS } from './migrations';
export * from './entities/api-key.entity';
export * from './entities/dead-letter.entity';
export * from './entities/inventory-history.entity';
export * from './entities/live-inventory.entity';
export * from './entities/pipeline-progress.entity';
export * from './entities/product.entity';
export * from './entities/sales-baseline.entity';
export * from './entities/sales-velocity.entity';
export * from './entities/price-decision.entity';
export * from './entities/price-change.entity';
export * from './entities/price-reference.entity';
export * from './entities/price-sku-state.entity';
