import { ENGINE_VERSION } from '@shelfstream/engine';

export const DOMAIN_ENGINE = ENGINE_VERSION;
