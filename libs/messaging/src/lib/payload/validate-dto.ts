import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

type Dto<T> = new () => T;

export type DtoValidation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ValidationError[] };

export interface DtoValidationOptions {
  /** class-validator's option of that name: refuse a value whose class has no rules at all. */
  readonly forbidUnknownValues: boolean;
}

/**
 * A JSON value from outside the process checked against a class-validator DTO:
 * `plainToInstance` then `validateSync`, unknown members refused (not dropped).
 * class-transformer throws on some JSON it cannot copy (an object member named
 * `constructor`, say): that value is refused like any invalid one, so a consumer
 * dead-letters it instead of failing on it again and again.
 */
export function validateDto<T extends object>(dto: Dto<T>, plain: object, options: DtoValidationOptions): DtoValidation<T> {
  try {
    const value = plainToInstance(dto, plain);
    const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: options.forbidUnknownValues });
    return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
  } catch (thrown) {
    const error = new ValidationError();
    error.property = '';
    error.children = [];
    error.constraints = { unreadable: `cannot be read as ${dto.name} (${thrown instanceof Error ? thrown.message : String(thrown)})` };
    return { ok: false, errors: [error] };
  }
}
