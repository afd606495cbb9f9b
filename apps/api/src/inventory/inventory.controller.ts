import { Controller, Get, Header, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page } from '../common/paging.dto';
import { SkuPipe } from '../common/sku.pipe';
import { parseTime } from '../common/time';
import { ApiError } from '../errors/api-error';
import type { InventoryHistoryRow, ServedInventoryRow } from './inventory-columns';
import { ARROW_STREAM_TYPE, inventoryToArrow, inventoryToCsv } from './inventory-export';
import { AsOfQuery, ExportQuery, InventoryListQuery } from './inventory-query.dto';
import { InventoryService } from './inventory.service';
import { SkuDetailCache } from './sku-detail.cache';

@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(
    @Inject(InventoryService) private readonly inventory: InventoryService,
    @Inject(SkuDetailCache) private readonly cache: SkuDetailCache,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Live inventory, paged; filters by category, low stock, search; or as of a past time' })
  async list(@Query() q: InventoryListQuery): Promise<Page<ServedInventoryRow | InventoryHistoryRow>> {
    const { items, total } = q.asOf ? await this.inventory.listAsOf(parseTime(q.asOf, 'asOf'), q) : await this.inventory.list(q);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  @Get('live-window')
  @ApiOperation({
    summary: 'The live clock (newest stream watermark), the cut-off of live SKUs (clock - LIVE_WINDOW_MINUTES) and how many are live',
  })
  liveWindow() {
    return this.inventory.liveWindowCounts();
  }

  @Get('categories')
  @ApiOperation({ summary: 'Categories with their SKU and low-stock counts' })
  categories() {
    return this.inventory.categories();
  }

  @Get('export')
  @ApiOperation({ summary: `Whole (filtered) table as CSV or Arrow IPC stream (Accept: ${ARROW_STREAM_TYPE})` })
  @ApiProduces('text/csv', ARROW_STREAM_TYPE)
  async export(@Query() q: ExportQuery, @Headers('accept') accept: string | undefined, @Res() res: Response): Promise<void> {
    const format = q.format ?? negotiateExport(accept);
    const rows = await this.inventory.exportRows(q);
    if (format === 'arrow') {
      res.type(ARROW_STREAM_TYPE).send(Buffer.from(inventoryToArrow(rows)));
    } else {
      res.type('text/csv').attachment('inventory.csv').send(inventoryToCsv(rows));
    }
  }

  @Get(':sku')
  @ApiOperation({ summary: 'One SKU with velocity windows, forecast and recent price changes; or its state as of a past time' })
  @ApiOkResponse({ description: 'SKU detail, or the SKU as of an event time (from sales_history) when asOf is given' })
  @Header('content-type', 'application/json; charset=utf-8')
  async detail(@Param('sku', SkuPipe) sku: string, @Query() q: AsOfQuery): Promise<string> {
    if (q.asOf) return JSON.stringify(await this.inventory.asOf(sku, parseTime(q.asOf, 'asOf')));
    return this.cache.getOrLoad(sku, () => this.inventory.detail(sku));
  }
}

function negotiateExport(accept: string | undefined): 'csv' | 'arrow' {
  if (!accept || accept.includes('*/*') || accept.includes('text/csv') || accept.includes('text/*')) {
    return accept?.includes(ARROW_STREAM_TYPE) ? 'arrow' : 'csv';
  }
  if (accept.includes(ARROW_STREAM_TYPE) || accept.includes('application/vnd.apache.arrow')) return 'arrow';
  throw new ApiError('NOT_ACCEPTABLE', `Export is available as text/csv or ${ARROW_STREAM_TYPE}`);
}
