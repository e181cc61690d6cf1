import { formatExactDecimal, parseExactDecimal, ratioOfDecimal } from '@billing/util';
import type { Factor } from './price-book';
import type { PriceBookProblem } from './pricing-errors';

/**
 * Reads an untrusted document field by field, collecting every problem with its
 * path instead of stopping at the first. A reader returns undefined for a field
 * it refused, so the caller can carry on and report the rest.
 */
export class DocumentReader {
  private readonly found: PriceBookProblem[] = [];

  get problems(): readonly PriceBookProblem[] {
    return this.found;
  }

  problem(path: string, reason: string): undefined {
    this.found.push({ path, reason });
    return undefined;
  }

  /** An object with exactly the allowed keys; required ones must be present. */
  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> | undefined {
    if (!isRecord(value)) return this.problem(path, 'must be an object');
    for (const key of required) {
      if (!(key in value)) this.problem(fieldPath(path, key), 'is required');
    }
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key)) this.problem(fieldPath(path, key), 'is not a known field');
    }
    return value;
  }

  /** An object used as a map from ids to entries, with at least one entry. */
  map(value: unknown, path: string): Record<string, unknown> | undefined {
    if (!isRecord(value)) return this.problem(path, 'must be an object');
    if (Object.keys(value).length === 0) return this.problem(path, 'must have at least one entry');
    return value;
  }

  array(value: unknown, path: string): readonly unknown[] | undefined {
    return Array.isArray(value) ? value : this.problem(path, 'must be an array');
  }

  text(value: unknown, path: string, pattern?: RegExp, patternReason?: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') return this.problem(path, 'must be a non-empty string');
    if (pattern && !pattern.test(value)) return this.problem(path, patternReason ?? `must match ${pattern}`);
    return value;
  }

  flag(value: unknown, path: string): boolean | undefined {
    return typeof value === 'boolean' ? value : this.problem(path, 'must be true or false');
  }

  wholeNumber(value: unknown, path: string, minimum: number): number | undefined {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
      return this.problem(path, `must be a whole number of at least ${minimum}`);
    }
    return value;
  }

  /** An exact factor: an integer or a decimal string, e.g. "1.2". */
  factor(value: unknown, path: string, maximum?: Factor): Factor | undefined {
    const reason = `must be a non-negative decimal with at most ${FACTOR_DECIMALS} decimals, written as a string`;
    const decimal = parseExactDecimal(decimalText(value) ?? '', FACTOR_DECIMALS);
    if (!decimal) return this.problem(path, reason);
    const { numerator, denominator } = ratioOfDecimal(decimal);
    if (maximum && numerator * maximum.denominator > maximum.numerator * denominator) {
      return this.problem(path, `must be at most ${maximum.text}`);
    }
    return { text: formatExactDecimal(decimal), numerator, denominator };
  }

  /** Credits written in the document (integer or decimal string) as integer millicredits. */
  credits(value: unknown, path: string): number | undefined {
    const decimal = parseExactDecimal(decimalText(value) ?? '', 3);
    if (!decimal) return this.problem(path, 'must be a non-negative decimal with at most 3 decimals');
    const millicredits = decimal.units * 10 ** (3 - decimal.scale);
    if (!Number.isSafeInteger(millicredits)) return this.problem(path, 'is too large');
    return millicredits;
  }
}

export const FACTOR_DECIMALS = 6;
export const ONE: Factor = { text: '1', numerator: 1, denominator: 1 };

/** `models["seedance-2.0"]`, `rounding.mode`, `plans[2]`: the path as a reader would write it. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : null;
  if (segment === null) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? segment : `${parent}.${segment}`;
}

function decimalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // Integers may be written as numbers; fractions must be strings so no float is ever read.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
