import { Module } from '@nestjs/common';
import { PipelineController } from './pipeline.controller';
import { PipelineService } from './pipeline.service';
import { TopicEndOffsets } from './topic-end-offsets';

@Module({ controllers: [PipelineController], providers: [PipelineService, TopicEndOffsets], exports: [PipelineService] })
export class PipelineModule {}
