// Every entity the DataSource knows. Add a line here (and an export in ../index.ts) for a new entity.
import { ApiKeyEntity } from './api-key.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { DimensionVersionEntity } from './dimension-version.entity';
import { InventoryHistoryEntity } from './inventory-history.entity';
import { LiveInventoryEntity } from './live-inventory.entity';
import { PipelineProgressEntity } from './pipeline-progress.entity';
import { PriceChangeEntity } from './price-change.entity';
import { PriceDecisionEntity } from './price-decision.entity';
import { PriceReferenceEntity } from './price-reference.entity';
import { PriceSkuStateEntity } from './price-sku-state.entity';
import { ProductEntity } from './product.entity';
import { SalesBaselineEntity } from './sales-baseline.entity';
import { SalesHistoryEntity } from './sales-history.entity';
import { SalesVelocityEntity } from './sales-velocity.entity';

export const ENTITIES = [
  ProductEntity,
  LiveInventoryEntity,
  InventoryHistoryEntity,
  SalesVelocityEntity,
  SalesBaselineEntity,
  DeadLetterEntity,
  PipelineProgressEntity,
  ApiKeyEntity,
  PriceDecisionEntity,
  PriceChangeEntity,
  PriceReferenceEntity,
  PriceSkuStateEntity,
  DimensionVersionEntity,
  SalesHistoryEntity,
];
