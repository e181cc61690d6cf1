import { gatewayProblems } from '@billing/gateway-application';
import { fieldErrorsOf, validateDto } from '@billing/messaging';

/** A request body checked against its DTO: every bad field is named (unknown ones too), or it is the DTO. */
export function validBody<T extends object>(dto: new () => T, body: unknown): T {
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) throw gatewayProblems.validation([{ field: '', message: 'the body must be a JSON object' }]);
  const validated = validateDto(dto, body as object, { forbidUnknownValues: true });
  if (!validated.ok) throw gatewayProblems.validation(fieldErrorsOf(validated.errors));
  return validated.value;
}

/** Query parameters: each one known, each one checked; all bad ones reported together. */
export class QueryReader {
  private readonly errors: { field: string; message: string }[] = [];

  constructor(
    private readonly query: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(query)) if (!allowed.includes(name)) this.errors.push({ field: name, message: `${name} is not a known query parameter` });
  }

  text(name: string, pattern: RegExp, message: string): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.errors.push({ field: name, message });
      return undefined;
    }
    return value;
  }

  whole(name: string, min: number, max: number): number | undefined {
    const text = this.text(name, /^\d{1,15}$/, `${name} must be a whole number from ${min} to ${max}`);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (value < min || value > max) {
      this.errors.push({ field: name, message: `${name} must be a whole number from ${min} to ${max}` });
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.text(name, /^[a-z_]{1,40}$/, `${name} must be one of ${values.join(', ')}`);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      this.errors.push({ field: name, message: `${name} must be one of ${values.join(', ')}` });
      return undefined;
    }
    return value as T;
  }

  /** Whether the parameter was sent at all. */
  has(name: string): boolean {
    return this.query[name] !== undefined;
  }

  /** Reports a parameter as bad for a reason checked outside the reader. */
  reject(name: string, message: string): void {
    this.errors.push({ field: name, message });
  }

  /** Throws the validation problem when any parameter was bad. */
  done(): void {
    if (this.errors.length > 0) throw gatewayProblems.validation(this.errors);
  }
}

/** Ids in paths: what the services accept; anything else cannot exist. */
export const PATH_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** An id that cannot exist is simply not found, and never reaches a service. */
export function pathId(id: string, what = 'Resource'): string {
  if (!PATH_ID.test(id)) throw gatewayProblems.notFound(what, JSON.stringify(id.slice(0, 40)));
  return id;
}
