export { DeferredWrites, DEFAULT_WRITE_DELAY_MILLIS } from './lib/deferred-writes';
export { LateWrite } from './lib/late-write';
export { withoutFsync } from './lib/without-fsync';
