export * from './app_error.js';
export * from './oauth_errors.js';
export * from './management_errors.js';
export * from './store_errors.js';
export * from './record_busy_error.js';
