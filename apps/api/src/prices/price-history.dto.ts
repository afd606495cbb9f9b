import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { PagingQuery } from '../common/paging.dto';
import { SKU_PATTERN } from '../common/validation';

export class PriceHistoryQuery extends PagingQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku is not a valid SKU' })
  sku?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
