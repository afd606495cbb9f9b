import { SetMetadata } from '@nestjs/common';
import type { ApiScope } from './api-key';

export const REQUIRED_SCOPE = 'shelfstream:required-scope';

/** The API-key scope a route needs. Routes without it are reads: public unless API_READS_REQUIRE_KEY. */
export const RequireScope = (scope: ApiScope) => SetMetadata(REQUIRED_SCOPE, scope);
