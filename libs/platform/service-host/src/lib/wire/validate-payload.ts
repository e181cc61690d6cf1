import { type FieldError, fieldErrorsOf, validateDto } from '@billing/messaging';

export type { FieldError } from '@billing/messaging';

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A JSON value checked against a class-validator DTO: unknown members are refused, not dropped. */
export function validatePayload<T extends object>(dto: new () => T, plain: unknown): Validated<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', message: 'must be a JSON object' }] };
  }
  // No `forbidUnknownValues`: the value is always an instance of the DTO, and an empty DTO (no members) is legitimate.
  const validated = validateDto(dto, plain, { forbidUnknownValues: false });
  return validated.ok ? validated : { ok: false, errors: fieldErrorsOf(validated.errors) };
}
