import type { GenerationMode } from './pricing';

export const GENERATION_MODES: readonly GenerationMode[] = ['standard', 'preview'];

/**
 * The limits of a request to price, run or list tasks and to place an order, defined once.
 * Every edge refuses what breaks them, each in its own terms: REST (the DTOs' decorators,
 * durations in seconds), gRPC (its request checks, seconds as decimal text) and the services'
 * requests over the bus (their DTOs), so no edge lets through what another refuses.
 */
export const REQUEST_LIMITS = {
  /** A model, resolution or complexity id. */
  renderName: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    maxLength: 100,
    message: 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit',
  },
  /** Output length in whole milliseconds: from 1 ms to an hour. */
  durationMillis: { min: 1, max: 3_600_000 },
  /** Frames per second; absent means the book's default. */
  fps: { min: 1, max: 240 },
  /** Variations of one prompt, priced or run together. */
  batchSize: { min: 1, max: 1_000 },
  /** A task id a client names. */
  taskIdLength: 200,
  /** Tasks on one page of a list. */
  taskPageSize: { min: 1, max: 500 },
  /** A pack or plan id an order names. */
  catalogIdLength: 128,
  /** Printable ASCII only: a header carries nothing else unchanged. */
  idempotencyKey: {
    pattern: /^[\x20-\x7e]{1,255}$/,
    maxLength: 255,
    message: 'must be 1-255 printable ASCII characters',
  },
} as const;
