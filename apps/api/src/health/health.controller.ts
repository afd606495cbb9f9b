import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/require-scope.decorator';
import { HealthService, type LivenessReport, type ReadinessReport } from './health.service';

/** Open even when reads need a key: probes carry no key and these answers hold no data. */
@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process serves HTTP; consults no dependency' })
  live(): LivenessReport {
    return this.health.live();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres reachable (the only dependency serving needs); 503 otherwise' })
  ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    return this.readiness(res);
  }

  @Get()
  @ApiOperation({ summary: 'Same as /health/ready (kept for existing probes)' })
  check(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    return this.readiness(res);
  }

  private async readiness(res: Response): Promise<ReadinessReport> {
    const report = await this.health.ready();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
