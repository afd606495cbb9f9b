// Every migration, in order. Add new ones at the end with a larger timestamp in the class name.
import { InitialSchema1795400000000 } from './1795400000000-initial-schema';
import { PricingTables1795400100000 } from './1795400100000-pricing-tables';
import { DeadLettersRawNullable1795400200000 } from './1795400200000-dead-letters-raw-nullable';
import { PricingRevertAndStale1795400600000 } from './1795400600000-pricing-revert-and-stale';
import { WidenCountsAndWatermarkDrops1795500000000 } from './1795500000000-widen-counts-and-watermark-drops';
import { LiveInventorySignalTimes1795600000000 } from './1795600000000-live-inventory-signal-times';
import { DimensionVersions1795600100000 } from './1795600100000-dimension-versions';
import { SalesHistory1795600200000 } from './1795600200000-sales-history';

export const MIGRATIONS = [
  InitialSchema1795400000000,
  PricingTables1795400100000,
  DeadLettersRawNullable1795400200000,
  PricingRevertAndStale1795400600000,
  WidenCountsAndWatermarkDrops1795500000000,
  LiveInventorySignalTimes1795600000000,
  DimensionVersions1795600100000,
  SalesHistory1795600200000,
];
