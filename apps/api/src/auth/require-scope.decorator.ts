import { SetMetadata } from '@nestjs/common';
import type { ApiScope } from './api-key';

export const REQUIRED_SCOPE = 'shelfstream:required-scope';
export const PUBLIC_ROUTE = 'shelfstream:public-route';

/** The API-key scope a route needs. Routes without it are reads: public unless API_READS_REQUIRE_KEY. */
export const RequireScope = (scope: ApiScope) => SetMetadata(REQUIRED_SCOPE, scope);

/** Never needs a key, even when reads do: routes that hold no data (health, the dashboard's page and code). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
