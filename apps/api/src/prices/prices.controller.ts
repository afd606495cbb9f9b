import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/paging.dto';
import { SkuPipe } from '../common/sku.pipe';
import { parseTime } from '../common/time';
import { PriceHistoryQuery } from './price-history.dto';
import { PriceChangesReader, type PriceChangeRow } from './price-changes.reader';

@ApiTags('prices')
@Controller('prices')
export class PricesController {
  constructor(@Inject(PriceChangesReader) private readonly reader: PriceChangesReader) {}

  @Get('changes')
  @ApiOperation({ summary: 'Price changes, newest first; optionally one SKU and a time range' })
  changes(@Query() q: PriceHistoryQuery): Promise<Page<PriceChangeRow>> {
    return this.page(q);
  }

  @Get(':sku/history')
  @ApiOperation({ summary: 'Price history of one SKU, newest first' })
  history(@Param('sku', SkuPipe) sku: string, @Query() q: PriceHistoryQuery): Promise<Page<PriceChangeRow>> {
    return this.page({ ...q, sku });
  }

  private async page(q: PriceHistoryQuery): Promise<Page<PriceChangeRow>> {
    const { items, total } = await this.reader.list({
      sku: q.sku,
      from: q.from ? parseTime(q.from, 'from') : undefined,
      to: q.to ? parseTime(q.to, 'to') : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
