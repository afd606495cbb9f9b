import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { LiveFeedService } from './live-feed.service';
import { LiveGateway } from './live.gateway';

@Module({ imports: [InventoryModule, PipelineModule], providers: [LiveGateway, LiveFeedService], exports: [LiveFeedService] })
export class RealtimeModule {}
