import { CodedError } from '../errors/error-codes';

/** Every bad variable of one config class, reported together. */
export class ConfigError extends CodedError {
  constructor(readonly problems: string[]) {
    super('INVALID_CONFIG', `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}
