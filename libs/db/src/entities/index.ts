// Every entity the DataSource knows. Add a line here (and an export in ../index.ts) for a new entity.
import { ApiKeyEntity } from './api-key.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { InventoryHistoryEntity } from './inventory-history.entity';
import { LiveInventoryEntity } from './live-inventory.entity';
import { PipelineProgressEntity } from './pipeline-progress.entity';
import { ProductEntity } from './product.entity';
import { SalesBaselineEntity } from './sales-baseline.entity';
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
];
