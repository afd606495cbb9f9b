import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PagingQuery } from '../common/paging.dto';
import { toBoolean } from '../common/validation';

export const INVENTORY_SORTS = ['sku', 'velocity_ratio', 'stockout_eta', 'on_hand', 'updated_at', 'last_event_at'] as const;
export type InventorySort = (typeof INVENTORY_SORTS)[number];

export class InventoryFilterQuery {
  @ApiPropertyOptional({ description: 'Only this category' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;

  @ApiPropertyOptional({ description: 'Only SKUs at or below their low-stock threshold (true) or above it (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  lowStock?: boolean;
}

export class InventoryListQuery extends IntersectionType(PagingQuery, InventoryFilterQuery) {
  @ApiPropertyOptional({ description: 'SKU prefix or name substring' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string;

  @ApiPropertyOptional({ description: 'true: only live SKUs (see GET /inventory/live-window); false: only history' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  live?: boolean;

  @ApiPropertyOptional({ enum: INVENTORY_SORTS, default: 'sku' })
  @IsOptional()
  @IsIn(INVENTORY_SORTS)
  sort: InventorySort = 'sku';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  @ApiPropertyOptional({
    description: 'ISO-8601 time: the inventory as of then by event time (from sales_history: events with event_time <= then, whenever they arrived)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({
    description: 'ISO-8601 time: the inventory as of then by event time (from sales_history: events with event_time <= then, whenever they arrived)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class ExportQuery extends InventoryFilterQuery {
  @ApiPropertyOptional({ enum: ['csv', 'arrow'], description: 'Overrides the Accept header' })
  @IsOptional()
  @IsIn(['csv', 'arrow'])
  format?: 'csv' | 'arrow';
}
