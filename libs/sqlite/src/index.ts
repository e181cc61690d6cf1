export { withoutFsync } from './lib/without-fsync';
export { dataDirectoryProblem, openStorageFile, StorageOpenError } from './lib/data-directory';
