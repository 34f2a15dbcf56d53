export * from './errors.js';
export * from './rest/common.js';
export * from './rest/auth.js';
export * from './rest/users.js';
export * from './rest/health.js';
export * from './rest/sip.js';
export * from './rest/routes.js';
export * from './realtime/events.js';
