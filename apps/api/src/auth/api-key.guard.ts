import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiConfig } from '../config/api-config';
import { ApiError } from '../errors/api-error';
import { API_KEY_HEADER, scopeAllows, type ApiScope } from './api-key';
import { ApiKeyService } from './api-key.service';
import { REQUIRED_SCOPE } from './require-scope.decorator';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyService) private readonly keys: ApiKeyService,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const declared = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    const required = declared ?? (this.config.API_READS_REQUIRE_KEY ? 'read' : undefined);
    if (!required) return true;
    const header = context.switchToHttp().getRequest<Request>().headers[API_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key) throw new ApiError('UNAUTHENTICATED', `This endpoint needs an API key in the ${API_KEY_HEADER} header`);
    if (key.length > 200) throw new ApiError('UNAUTHENTICATED', 'Invalid API key');
    const principal = await this.keys.authenticate(key);
    if (!principal) throw new ApiError('UNAUTHENTICATED', 'Invalid or revoked API key');
    if (!scopeAllows(principal.scopes, required)) throw new ApiError('FORBIDDEN', `This API key lacks the ${required} scope`);
    return true;
  }
}
