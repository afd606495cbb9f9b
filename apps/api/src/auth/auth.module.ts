import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyService } from './api-key.service';
import { ApiKeyVerifier } from './api-key.verifier';

@Global()
@Module({
  providers: [ApiKeyService, ApiKeyVerifier, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyService, ApiKeyVerifier],
})
export class AuthModule {}
