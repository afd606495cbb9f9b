import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsMoney } from '../common/money';
import { PagingQuery } from '../common/paging.dto';
import { SKU_PATTERN } from '../common/validation';

export class CreateProductBody {
  @ApiProperty({ example: 'SKU-000123' })
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku must be 1-128 printable characters without spaces or slashes' })
  sku!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  category!: string;

  @ApiProperty()
  @IsMoney()
  unitCost!: number;

  @ApiProperty()
  @IsMoney()
  basePrice!: number;

  @ApiPropertyOptional({ description: 'Defaults to basePrice' })
  @IsOptional()
  @IsMoney()
  currentPrice?: number;

  @ApiProperty()
  @IsMoney()
  priceFloor!: number;

  @ApiProperty()
  @IsMoney()
  priceCeiling!: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  initialStock!: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  lowStockThreshold!: number;

  @ApiPropertyOptional({ default: 48 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(8760)
  restockLeadHours?: number;
}

/** Everything but the key and the live price (the pricing bot owns current_price). */
export class UpdateProductBody extends PartialType(OmitType(CreateProductBody, ['sku', 'currentPrice'] as const)) {}

export class ProductListQuery extends PagingQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;
}
