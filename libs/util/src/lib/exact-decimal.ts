/**
 * Exact decimals as written in configuration ("1.2", "0.15", "30"): an integer
 * count of units at a power-of-ten scale. Never a float.
 */
export interface ExactDecimal {
  /** 1.2 -> 12 */
  readonly units: number;
  /** 1.2 -> 1 (units / 10^scale) */
  readonly scale: number;
}

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;

/**
 * "1.20" -> { units: 12, scale: 1 }. Returns undefined for anything that is not a
 * plain non-negative decimal with at most `maxScale` decimals (no sign, no exponent).
 */
export function parseExactDecimal(text: string, maxScale: number): ExactDecimal | undefined {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > maxScale) return undefined;
  const units = Number(whole + fraction);
  if (!Number.isSafeInteger(units)) return undefined;
  return { units, scale: fraction.length };
}

/** { units: 12, scale: 1 } -> "1.2"; trailing zeros are dropped. */
export function formatExactDecimal({ units, scale }: ExactDecimal): string {
  const digits = String(units).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** 1 - d, exactly: a discount of "0.2" leaves a factor of "0.8". Undefined when d > 1. */
export function complementOfExactDecimal({ units, scale }: ExactDecimal): ExactDecimal | undefined {
  const one = 10 ** scale;
  if (units > one) return undefined;
  return normalizeExactDecimal({ units: one - units, scale });
}

export function normalizeExactDecimal(value: ExactDecimal): ExactDecimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10 === 0) {
    units /= 10;
    scale -= 1;
  }
  return { units, scale };
}
