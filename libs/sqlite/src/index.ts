export { LateWrite } from './lib/late-write';
export { withoutFsync } from './lib/without-fsync';
