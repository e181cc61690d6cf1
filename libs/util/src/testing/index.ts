export { eventually, eventuallyValue } from './eventually';
export { type Goal, opsPerSecond, report } from './bench-report';
export { startPlatformChild } from './platform-child';
