export { createLogger, REDACT_PATHS, type LoggerOptions } from './logger.js';
export { createHttpLogger } from './http_logger.js';
export { stdoutStyle, type LogFormat, type StdoutStyle } from './log_format.js';
export { redactUrl, REDACTED, SECRET_QUERY_PARAMETERS } from './redact_url.js';
export { typedText } from './typed_text.js';
