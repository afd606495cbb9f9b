// Every domain failure carries a stable code; apps map codes to HTTP statuses or dead-letter reasons.
export type DomainErrorCode = 'INVALID_ARGUMENT' | 'INVALID_CSV' | 'INSUFFICIENT_HISTORY' | 'UNKNOWN_SKU';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
