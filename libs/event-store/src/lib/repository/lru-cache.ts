/**
 * A bounded map that forgets what was least recently used, in two generations instead
 * of exact order: values are set into the young one; when it holds half the capacity it
 * becomes the old one and the previous old one is dropped whole; a value read from the
 * old one moves back to the young. So a value used within the last `capacity / 2` sets
 * is always kept, and nothing is ever deleted one by one (a Map's delete-and-set per
 * read, the exact way, cost more than the lookups themselves on hot paths).
 */
export class LruCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(readonly capacity: number) {
    this.half = Math.max(1, Math.ceil(capacity / 2));
  }

  get(key: K): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    if (this.young.size >= this.half && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    // An older value of the key in the old generation is shadowed: reads look here first.
    this.young.set(key, value);
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}
