import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiConfig } from '../config/api-config';
import { API_KEY_HEADER, type ApiScope } from './api-key';
import { ApiKeyVerifier, KeyAttemptsExceededError } from './api-key.verifier';
import { PUBLIC_ROUTE, REQUIRED_SCOPE } from './require-scope.decorator';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;
    const declared = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, targets);
    const required = declared ?? (this.config.API_READS_REQUIRE_KEY ? 'read' : undefined);
    if (!required) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const header = req.headers[API_KEY_HEADER];
    try {
      await this.keys.verify(Array.isArray(header) ? header[0] : header, required, req.ip ?? req.socket.remoteAddress ?? '');
    } catch (error) {
      if (error instanceof KeyAttemptsExceededError) http.getResponse<Response>().setHeader('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
    return true;
  }
}
