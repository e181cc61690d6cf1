export type SlotsErrorCode = 'invalid_limit';

export class SlotsError extends Error {
  constructor(
    readonly code: SlotsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SlotsError';
  }
}
