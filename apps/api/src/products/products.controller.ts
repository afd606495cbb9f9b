import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ProductEntity } from '@shelfstream/db';
import { RequireScope } from '../auth/require-scope.decorator';
import type { Page } from '../common/paging.dto';
import { SkuPipe } from '../common/sku.pipe';
import { CreateProductBody, ProductListQuery, UpdateProductBody } from './product.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(@Inject(ProductsService) private readonly products: ProductsService) {}

  @Get()
  @ApiOperation({ summary: 'Catalogue, paged, optionally one category' })
  async list(@Query() q: ProductListQuery): Promise<Page<ProductEntity>> {
    const { items, total } = await this.products.list(q);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  @Get(':sku')
  get(@Param('sku', SkuPipe) sku: string): Promise<ProductEntity> {
    return this.products.get(sku);
  }

  @Post()
  @HttpCode(201)
  @RequireScope('write')
  @UseGuards(ThrottlerGuard)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Add a product (API key with write scope; rate limited)' })
  create(@Body() body: CreateProductBody): Promise<ProductEntity> {
    return this.products.create(body);
  }

  @Patch(':sku')
  @RequireScope('write')
  @UseGuards(ThrottlerGuard)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Change a product (not its live price; API key with write scope; rate limited)' })
  update(@Param('sku', SkuPipe) sku: string, @Body() body: UpdateProductBody): Promise<ProductEntity> {
    return this.products.update(sku, body);
  }
}
