// The worker's module: no HTTP, only queues, listeners and schedules.
import { Module, type DynamicModule } from '@nestjs/common';
import { BASELINE_RECOMPUTER, BaselineRefreshService, type BaselineRecomputer } from './baseline/baseline-refresh.service';
import { PricingBotConfig } from './config/pricing-bot-config';
import { databaseProviders } from './database/database.providers';
import { KillSwitch } from './kill-switch/kill-switch.service';
import { MetricsEndpoint } from './metrics/metrics-endpoint.service';
import { PricingMetrics } from './metrics/pricing-metrics';
import { PriceChangePublisher } from './publishing/price-change-publisher.service';
import { PricingEvaluator } from './repricing/pricing-evaluator.service';
import { RepricingProcessor } from './repricing/repricing.processor';
import { RepricingProducer } from './repricing/repricing.producer';
import { FleetSchedules } from './schedules/fleet-schedules.service';
import { InventoryListener } from './triggers/inventory-listener.service';
import { SweepService } from './triggers/sweep.service';

export interface PricingBotOptions {
  readonly config: PricingBotConfig;
  /** The batch baseline query; null leaves the nightly job unscheduled (logged at boot). */
  readonly recomputeBaselines?: BaselineRecomputer | null;
}

@Module({})
export class PricingBotModule {
  static forRoot(options: PricingBotOptions): DynamicModule {
    return {
      module: PricingBotModule,
      providers: [
        { provide: PricingBotConfig, useValue: options.config },
        { provide: BASELINE_RECOMPUTER, useValue: options.recomputeBaselines ?? null },
        ...databaseProviders,
        PricingMetrics,
        MetricsEndpoint,
        KillSwitch,
        PricingEvaluator,
        RepricingProducer,
        PriceChangePublisher,
        RepricingProcessor,
        SweepService,
        InventoryListener,
        BaselineRefreshService,
        FleetSchedules,
      ],
    };
  }
}
