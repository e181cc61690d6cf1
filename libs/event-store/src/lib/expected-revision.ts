import type { ExpectedRevision } from './port';

/** `actual` is -1 when the stream does not exist. */
export const matchesExpected = (expected: ExpectedRevision, actual: number): boolean =>
  expected === 'any' || (expected === 'no_stream' ? actual === -1 : expected === actual);
