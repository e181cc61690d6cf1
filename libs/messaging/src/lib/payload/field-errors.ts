import type { ValidationError } from 'class-validator';

export interface FieldError {
  /** The member's path (`item.packId`); empty for the value as a whole. */
  readonly field: string;
  readonly message: string;
}

/** Type checks said plainly; the others keep their own message. */
const PLAIN: Readonly<Record<string, (value: unknown) => string | null>> = {
  isString: () => 'must be a string',
  isBoolean: () => 'must be true or false',
  isInt: () => 'must be a whole number',
  // A number refused for its decimals or as NaN keeps the rule's own message.
  isNumber: (value) => (typeof value === 'number' ? null : 'must be a number'),
  isObject: () => 'must be an object',
  isArray: () => 'must be an array',
  whitelistValidation: () => 'is not a known field',
};

/**
 * class-validator's errors as one message per field. It runs every rule of a member and
 * reports each that fails, so `"5"` for a number would be "not a number", "not less than
 * 0.001" and "not greater than 3600" at once, and only the first is true. The rule written
 * first (a DTO writes its type check first) says what is wrong; the rest follow from it.
 * class-validator keeps a member's failures last written first, hence the last one.
 * Messages leave the field's name out: the field says it.
 */
export function fieldErrorsOf(errors: readonly ValidationError[], path = ''): FieldError[] {
  return errors.flatMap((error) => {
    const property = error.property ?? '';
    const field = path ? `${path}.${property}` : property;
    const own = firstRuleBroken(error, property);
    const nested = error.children && error.children.length > 0 ? fieldErrorsOf(error.children, field) : [];
    return own === null ? nested : [{ field, message: own }, ...nested];
  });
}

export const describeFieldErrors = (errors: readonly FieldError[]): string => errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');

function firstRuleBroken(error: ValidationError, property: string): string | null {
  const rules = Object.entries(error.constraints ?? {});
  const first = rules[rules.length - 1];
  if (!first) return null;
  const [name, message] = first;
  return PLAIN[name]?.(error.value) ?? withoutName(message, property);
}

const withoutName = (message: string, property: string): string => (property && message.startsWith(`${property} `) ? message.slice(property.length + 1) : message);
