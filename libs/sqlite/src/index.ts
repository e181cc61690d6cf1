export { withoutFsync } from './lib/without-fsync';
