export * from './call-events.js';
export * from './call-errors.js';
export * from './wallboard.js';
