import { Module } from '@nestjs/common';
import { PipelineController } from './pipeline.controller';
import { PipelineMetrics } from './pipeline-metrics';
import { PipelineService } from './pipeline.service';
import { TopicEndOffsets } from './topic-end-offsets';

@Module({ controllers: [PipelineController], providers: [PipelineService, TopicEndOffsets, PipelineMetrics], exports: [PipelineService] })
export class PipelineModule {}
