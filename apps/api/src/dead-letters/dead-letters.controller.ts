import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { DeadLetterEntity } from '@shelfstream/db';
import { DataSource } from 'typeorm';
import { RequireScope } from '../auth/require-scope.decorator';
import { PagingQuery, type Page } from '../common/paging.dto';

export class DeadLetterQuery extends PagingQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  errorCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  queryName?: string;
}

export interface DeadLetterView {
  id: number;
  queryName: string;
  source: string;
  position: string;
  errorCode: string;
  errorMessage: string;
  batchId: number | null;
  receivedAt: Date;
  /** The raw bytes, base64; null for a record without a value (Kafka tombstone). */
  raw: string | null;
  /** The raw bytes as UTF-8 (lossy), cut to 2,000 characters, for reading. */
  rawText: string | null;
}

@ApiTags('dead-letters')
@Controller('dead-letters')
export class DeadLettersController {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  @Get()
  @RequireScope('admin')
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Rejected input records with reasons, newest first (API key with admin scope)' })
  async list(@Query() q: DeadLetterQuery): Promise<Page<DeadLetterView>> {
    const where = { ...(q.errorCode ? { errorCode: q.errorCode } : {}), ...(q.queryName ? { queryName: q.queryName } : {}) };
    const [rows, total] = await this.ds.getRepository(DeadLetterEntity).findAndCount({
      where,
      order: { id: 'DESC' },
      take: q.limit,
      skip: q.offset,
    });
    const items = rows.map(({ raw, ...rest }) => ({
      ...rest,
      raw: raw?.toString('base64') ?? null,
      rawText: raw?.toString('utf8').slice(0, 2000) ?? null,
    }));
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
