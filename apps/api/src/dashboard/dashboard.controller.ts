import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/require-scope.decorator';
import { ApiError } from '../errors/api-error';
import { dashboardAssets, type Asset } from './dashboard-assets';

/** The live dashboard: GET / and its bundled assets (no data in them: public; the page sends the key for data). */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  @Get()
  async index(@Res() res: Response): Promise<void> {
    send(res, (await dashboardAssets()).get('index.html'));
  }

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const asset = (await dashboardAssets()).get(file);
    if (!asset || file === 'index.html') throw new ApiError('NOT_FOUND', `No asset ${file}`);
    send(res, asset);
  }
}

function send(res: Response, asset: Asset | undefined): void {
  if (!asset) throw new ApiError('NOT_FOUND', 'Dashboard not built');
  res.type(asset.type).setHeader('cache-control', 'no-cache').send(asset.body);
}
