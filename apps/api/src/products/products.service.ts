import { Inject, Injectable } from '@nestjs/common';
import { ProductEntity } from '@shelfstream/db';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';
import type { CreateProductBody, ProductListQuery, UpdateProductBody } from './product.dto';

@Injectable()
export class ProductsService {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(ProductEntity);
  }

  async list(q: ProductListQuery): Promise<{ items: ProductEntity[]; total: number }> {
    const [items, total] = await this.repo.findAndCount({
      where: q.category ? { category: q.category } : {},
      order: { sku: 'ASC' },
      take: q.limit,
      skip: q.offset,
    });
    return { items, total };
  }

  async get(sku: string): Promise<ProductEntity> {
    const product = await this.repo.findOneBy({ sku });
    if (!product) throw new ApiError('SKU_NOT_FOUND', `No product ${sku}`);
    return product;
  }

  async create(body: CreateProductBody): Promise<ProductEntity> {
    checkBounds(body.priceFloor, body.priceCeiling, body.basePrice);
    if (await this.repo.existsBy({ sku: body.sku })) throw new ApiError('CONFLICT', `Product ${body.sku} already exists`);
    await this.repo.insert({ ...body, currentPrice: body.currentPrice ?? body.basePrice });
    return this.get(body.sku);
  }

  async update(sku: string, body: UpdateProductBody): Promise<ProductEntity> {
    const current = await this.get(sku);
    const next = { ...current, ...body };
    checkBounds(next.priceFloor, next.priceCeiling, next.basePrice);
    if (Object.keys(body).length) await this.repo.update({ sku }, { ...body, updatedAt: new Date() });
    return this.get(sku);
  }
}

function checkBounds(floor: number, ceiling: number, base: number): void {
  if (floor > ceiling) throw new ApiError('VALIDATION_FAILED', 'priceFloor must not exceed priceCeiling');
  if (base < floor || base > ceiling) throw new ApiError('VALIDATION_FAILED', 'basePrice must lie between priceFloor and priceCeiling');
}
