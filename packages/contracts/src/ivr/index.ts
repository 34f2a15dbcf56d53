export * from './template.js';
export * from './flow-basics.js';
export * from './prompt.js';
export * from './condition.js';
export * from './flow.js';
export * from './flow-validation.js';
