import { Module } from '@nestjs/common';
import { InventoryController } from './inventory.controller';
import { InventoryService } from './inventory.service';
import { SkuDetailCache } from './sku-detail.cache';

@Module({ controllers: [InventoryController], providers: [InventoryService, SkuDetailCache], exports: [InventoryService, SkuDetailCache] })
export class InventoryModule {}
