/**
 * Reads variables and collects what is wrong with them, so one start-up reports every
 * bad value at once. Each message names the variable and quotes what it got.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** Set and not blank. */
  has(name: string): boolean {
    return (this.env[name] ?? '').trim() !== '';
  }

  string(name: string, fallback: string): string {
    return this.has(name) ? (this.env[name] ?? '').trim() : fallback;
  }

  optional(name: string): string | undefined {
    return this.has(name) ? (this.env[name] ?? '').trim() : undefined;
  }

  required(name: string, why: string): string {
    const value = this.optional(name);
    if (value === undefined) this.problems.push(`${name} is required ${why}`);
    return value ?? '';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name, fallback);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    if (!this.has(name)) return fallback;
    const raw = (this.env[name] ?? '').trim();
    const value = Number(raw);
    if (/^-?\d+$/.test(raw) && Number.isSafeInteger(value) && value >= min && value <= max) return value;
    this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }

  /** Comma-separated integers, each from `min` to `max`; undefined when not set. */
  integers(name: string, min: number, max: number): number[] | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    const values = raw.split(',').map((part) => part.trim());
    if (values.every((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max)) return values.map(Number);
    this.problems.push(`${name} must be comma-separated integers from ${min} to ${max}, got "${raw}"`);
    return undefined;
  }

  /** A share from 0 to 1, written as a decimal (`0.05`). */
  ratio(name: string, fallback: number): number {
    if (!this.has(name)) return fallback;
    const raw = (this.env[name] ?? '').trim();
    const value = Number(raw);
    if (/^\d*\.?\d+$/.test(raw) && value >= 0 && value <= 1) return value;
    this.problems.push(`${name} must be a number from 0 to 1, got "${raw}"`);
    return fallback;
  }

  url(name: string, value: string | undefined): void {
    if (value === undefined) return;
    try {
      const parsed = new URL(value);
      if (!['http:', 'https:', 'esdb:', 'esdb+discover:', 'postgres:', 'postgresql:'].includes(parsed.protocol)) throw new Error(parsed.protocol);
    } catch {
      this.problems.push(`${name} must be a URL, got "${value}"`);
    }
  }

  /** Comma-separated `host:port` pairs. */
  brokers(name: string): string[] {
    const raw = this.optional(name);
    if (raw === undefined) return [];
    const brokers = raw.split(',').map((b) => b.trim());
    const bad = brokers.filter((b) => !/^[A-Za-z0-9.\-_]+:\d{1,5}$/.test(b));
    if (bad.length > 0) this.problems.push(`${name} must be comma-separated host:port pairs, got "${raw}"`);
    return brokers;
  }
}
