export * from './lib/member-roles';
export * from './lib/organisation-events';
export * from './lib/organisation-errors';
export * from './lib/organisation';
