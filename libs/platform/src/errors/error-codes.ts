// One registry of the error codes the apps expose (in error bodies, CLI output and logs).

export interface ErrorCodeInfo {
  /** Apps that raise it. */
  readonly apps: readonly ('api' | 'pipeline' | 'pricing-bot')[];
  readonly description: string;
}

export const ERROR_CODES = {
  INVALID_CONFIG: { apps: ['api', 'pipeline', 'pricing-bot'], description: 'An environment variable is invalid; the message lists every bad variable. The process exits at boot.' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error carrying a registered code. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
