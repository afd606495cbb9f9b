import { Module } from '@nestjs/common';
import { InventoryController } from './inventory.controller';
import { InventoryService } from './inventory.service';
import { LiveWindowService } from './live-window.service';
import { SkuDetailCache } from './sku-detail.cache';

@Module({
  controllers: [InventoryController],
  providers: [InventoryService, SkuDetailCache, LiveWindowService],
  exports: [InventoryService, SkuDetailCache, LiveWindowService],
})
export class InventoryModule {}
