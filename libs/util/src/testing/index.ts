export { eventually, eventuallyValue } from './eventually';
