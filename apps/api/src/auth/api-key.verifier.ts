import { Inject, Injectable } from '@nestjs/common';
import { ApiConfig } from '../config/api-config';
import { ApiError } from '../errors/api-error';
import { API_KEY_HEADER, scopeAllows, type ApiScope } from './api-key';
import { ApiKeyService, type ApiPrincipal } from './api-key.service';
import { KeyFailureLimiter } from './key-failure-limiter';

/** Refused because the client sent too many bad keys; carries the seconds until it may retry. */
export class KeyAttemptsExceededError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many failed API keys from this client; retry in ${retryAfterSeconds} s`);
  }
}

/** The one key check of HTTP routes and socket handshakes, throttling clients that send bad keys. */
@Injectable()
export class ApiKeyVerifier {
  private readonly failures: KeyFailureLimiter;

  constructor(
    @Inject(ApiKeyService) private readonly keys: ApiKeyService,
    @Inject(ApiConfig) config: ApiConfig,
  ) {
    this.failures = new KeyFailureLimiter(config.API_KEY_FAILURES_PER_MINUTE);
  }

  /** Throws UNAUTHENTICATED (no, unknown or revoked key), FORBIDDEN (scope missing) or KeyAttemptsExceededError. */
  async verify(key: string | undefined, required: ApiScope, clientIp: string): Promise<ApiPrincipal> {
    if (!key) throw new ApiError('UNAUTHENTICATED', `This endpoint needs an API key in the ${API_KEY_HEADER} header`);
    const wait = this.failures.retryAfterSeconds(clientIp);
    if (wait > 0) throw new KeyAttemptsExceededError(wait);
    const principal = key.length > 200 ? null : await this.keys.authenticate(key);
    if (!principal) {
      this.failures.recordFailure(clientIp);
      throw new ApiError('UNAUTHENTICATED', 'Invalid or revoked API key');
    }
    if (!scopeAllows(principal.scopes, required)) throw new ApiError('FORBIDDEN', `This API key lacks the ${required} scope`);
    return principal;
  }
}
