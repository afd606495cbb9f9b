// One registry of the error codes the apps expose (API error bodies, CLI exits, logs); documented in
// docs/error-codes.md. Dead-letter codes of bad events are the domain's (docs/contracts.md).

type App = 'api' | 'pipeline' | 'pricing-bot';

export interface ErrorCodeInfo {
  /** Apps that raise it. */
  readonly apps: readonly App[];
  /** HTTP status when the API answers with it. */
  readonly http?: number;
  readonly description: string;
}

const API = ['api'] as const;

export const ERROR_CODES = {
  INVALID_CONFIG: {
    apps: ['api', 'pipeline', 'pricing-bot'],
    description: 'An environment variable is invalid; the message lists every bad variable. The process exits at boot.',
  },
  MALFORMED_REQUEST: { apps: API, http: 400, description: 'The request cannot be read (bad JSON, charset, headers).' },
  VALIDATION_FAILED: { apps: API, http: 400, description: 'A parameter or body field breaks its rule; `details` lists every problem.' },
  UNAUTHENTICATED: { apps: API, http: 401, description: 'No API key, or an unknown or revoked one.' },
  FORBIDDEN: { apps: API, http: 403, description: "The key's scope does not allow the route." },
  NOT_FOUND: { apps: API, http: 404, description: 'No such route or record.' },
  SKU_NOT_FOUND: { apps: API, http: 404, description: 'No such SKU.' },
  METHOD_NOT_ALLOWED: { apps: API, http: 405, description: 'The route exists for other methods.' },
  NOT_ACCEPTABLE: { apps: API, http: 406, description: 'The client accepts no media type the route answers with.' },
  CONFLICT: { apps: API, http: 409, description: 'The record already exists.' },
  PAYLOAD_TOO_LARGE: { apps: API, http: 413, description: 'The body is over the size limit.' },
  UNSUPPORTED_MEDIA_TYPE: { apps: API, http: 415, description: 'The body is not JSON.' },
  CONSTRAINT_VIOLATION: { apps: API, http: 422, description: 'A value breaks a rule of the data (database constraint).' },
  RATE_LIMITED: { apps: API, http: 429, description: 'Too many writes or failed key checks from the client IP; see `Retry-After`.' },
  INTERNAL: { apps: API, http: 500, description: 'An unexpected failure (logged).' },
  DEPENDENCY_UNAVAILABLE: { apps: API, http: 503, description: 'Postgres or Kafka cannot be reached.' },
  TOPIC_MISSING: { apps: ['pipeline'], description: 'A Kafka topic the command needs does not exist (auto-create is off).' },
  STREAM_OUTAGE: { apps: ['pipeline'], description: 'Kafka/Postgres lost for longer than `--max-outage`; the stream exits.' },
  BASELINE_COMMAND_FAILED: { apps: ['pricing-bot'], description: 'The nightly baseline command failed.' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes the API answers with (those with an HTTP status). */
export type HttpErrorCode = { [K in ErrorCode]: (typeof ERROR_CODES)[K] extends { http: number } ? K : never }[ErrorCode];

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
