/** A source of uniform numbers in [0, 1). Injected so simulated runs can be replayed. */
export type RandomSource = () => number;

/** mulberry32: a tiny 32-bit PRNG, good enough for fault injection and reproducible by seed. */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fixed value or an inclusive range to draw from. */
export type Spread = number | { readonly min: number; readonly max: number };

export function draw(spread: Spread, random: RandomSource): number {
  if (typeof spread === 'number') return spread;
  return spread.min + (spread.max - spread.min) * random();
}
