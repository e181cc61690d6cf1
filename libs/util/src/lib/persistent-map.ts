/**
 * A string-keyed map whose every version stays readable, for state that grows with its
 * stream (a wallet's reservations, refunds and lots ever seen; the tasks an account's
 * slots have finished).
 *
 * Why not copy a Map per event: that is O(size) per event, and a wallet settles
 * thousands of reservations. Here each `set` appends (version, value) to the key's
 * history in a store that successive versions share, so a linear fold (the only thing
 * a command handler does) pays O(1) per write. Writing to an older version (a fork, as
 * tests and property checks do) first copies the store up to that version, so every
 * version answers the same forever: the map is observably immutable.
 */
interface Entry<V> {
  readonly version: number;
  readonly value: V;
}

interface Store<V> {
  readonly histories: Map<string, Entry<V>[]>;
  head: number;
}

export interface PersistentMap<V> {
  readonly store: Store<V> | null;
  readonly version: number;
  readonly size: number;
}

const EMPTY: PersistentMap<never> = { store: null, version: 0, size: 0 };

export function emptyMap<V>(): PersistentMap<V> {
  return EMPTY;
}

export function getIn<V>(map: PersistentMap<V>, key: string): V | undefined {
  const history = map.store?.histories.get(key);
  if (history === undefined) return undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i] as Entry<V>;
    if (entry.version <= map.version) return entry.value;
  }
  return undefined;
}

export function setIn<V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> {
  const store = map.store !== null && map.store.head === map.version ? map.store : forkedStore(map);
  const version = store.head + 1;
  store.head = version;
  // Every entry in `store` is visible to `map` (its head is map's version), so no history means a new key.
  const history = store.histories.get(key);
  if (history === undefined) store.histories.set(key, [{ version, value }]);
  else history.push({ version, value });
  return { store, version, size: history === undefined ? map.size + 1 : map.size };
}

/** A private store holding exactly what `map` sees. */
function forkedStore<V>(map: PersistentMap<V>): Store<V> {
  const histories = new Map<string, Entry<V>[]>();
  if (map.store !== null) {
    for (const [key, history] of map.store.histories) {
      const visible = history.filter((entry) => entry.version <= map.version);
      if (visible.length > 0) histories.set(key, visible);
    }
  }
  return { histories, head: map.version };
}
