import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { toInteger } from '../common/validation';
import { PipelineService } from './pipeline.service';
import type { QuerySummary } from './progress-summary';

export class ProgressQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 20, description: 'Batches per query' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 20;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  queryName?: string;
}

@ApiTags('pipeline')
@Controller('pipeline')
export class PipelineController {
  constructor(@Inject(PipelineService) private readonly pipeline: PipelineService) {}

  @Get('progress')
  @ApiOperation({ summary: 'Latest batches per streaming query: rates, batch duration, watermark, offset lag' })
  progress(@Query() q: ProgressQuery): Promise<QuerySummary[]> {
    return this.pipeline.progress(q.limit, q.queryName);
  }
}
