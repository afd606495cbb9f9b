export { ConfigError } from './config/config-error';
export { type ConfigSchema, type ConfigVar, configVars } from './config/config-schema';
export { CONFIG_TABLE_END, CONFIG_TABLE_START, configTable, withConfigTable } from './config/config-table';
export { brokerList, type IntRange, Var } from './config/config-vars';
export { loadConfig } from './config/load-config';
export { CodedError, ERROR_CODES, type ErrorCode, type ErrorCodeInfo, type HttpErrorCode } from './errors/error-codes';
export { kafkaClient } from './kafka/kafka-client';
export { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './logging/logger';
