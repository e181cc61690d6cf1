import { validateDto } from '@billing/messaging';
import type { ValidationError } from 'class-validator';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A JSON value checked against a class-validator DTO: unknown members are refused, not dropped. */
export function validatePayload<T extends object>(dto: new () => T, plain: unknown): Validated<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', message: 'must be a JSON object' }] };
  }
  // No `forbidUnknownValues`: the value is always an instance of the DTO, and an empty DTO (no members) is legitimate.
  const validated = validateDto(dto, plain, { forbidUnknownValues: false });
  return validated.ok ? validated : { ok: false, errors: flatten(validated.errors) };
}

export const describeFieldErrors = (errors: readonly FieldError[]): string =>
  errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');

const flatten = (errors: readonly ValidationError[], path = ''): FieldError[] =>
  errors.flatMap((e) => {
    const property = e.property ?? '';
    const field = path ? `${path}.${property}` : property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return e.children && e.children.length > 0 ? [...own, ...flatten(e.children, field)] : own;
  });
