import { type Channel, ENTITLEMENTS, type Entitlement } from '@billing/contracts';
import { DocumentReader, fieldPath } from './document-reader';
import type { CreditPack, CreditPool, Plan } from './price-book';

// The commercial half of a price book: pools and the channels that draw on them, plans, packs.
export const CHANNELS: readonly Channel[] = ['app', 'api'];
const DEFAULT_CONCURRENCY_LIMIT = 6;
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const ID_REASON = 'must be lower-case letters, digits, ".", "_" or "-"';

export function readPools(reader: DocumentReader, value: unknown): readonly CreditPool[] | undefined {
  const entries = reader.map(value, 'pools');
  if (!entries) return undefined;
  const pools: CreditPool[] = [];
  const claimed = new Map<Channel, string>();
  for (const [id, entry] of Object.entries(entries)) {
    const path = fieldPath('pools', id);
    if (!ID_PATTERN.test(id)) reader.problem(path, `pool id ${ID_REASON}`);
    const doc = reader.object(entry, path, ['channels']);
    const list = doc && reader.array(doc['channels'], fieldPath(path, 'channels'));
    if (!list) continue;
    const channels: Channel[] = [];
    list.forEach((channel, index) => {
      const channelPath = fieldPath(fieldPath(path, 'channels'), index);
      if (!isChannel(channel)) return reader.problem(channelPath, `must be one of ${CHANNELS.join(', ')}`);
      const owner = claimed.get(channel);
      if (owner !== undefined) return reader.problem(channelPath, `channel ${channel} already draws on pool ${owner}`);
      claimed.set(channel, id);
      channels.push(channel);
      return undefined;
    });
    pools.push({ id, channels });
  }
  for (const channel of CHANNELS) {
    if (!claimed.has(channel)) reader.problem('pools', `no pool is used by channel ${channel}`);
  }
  return pools;
}

export function readPlans(reader: DocumentReader, value: unknown, poolIds: ReadonlySet<string>): readonly Plan[] | undefined {
  const list = reader.array(value, 'plans');
  if (!list) return undefined;
  if (list.length === 0) return reader.problem('plans', 'must list at least one plan');
  const plans: Plan[] = [];
  list.forEach((entry, index) => {
    const path = fieldPath('plans', index);
    const doc = reader.object(entry, path, ['id', 'name', 'priceCents', 'monthlyGrant', 'pool', 'entitlements'], ['concurrencyLimit', 'priority']);
    if (!doc) return;
    const id = reader.text(doc['id'], fieldPath(path, 'id'), ID_PATTERN, ID_REASON);
    if (id !== undefined && plans.some((plan) => plan.id === id)) reader.problem(fieldPath(path, 'id'), `duplicates plan ${id}`);
    const name = reader.text(doc['name'], fieldPath(path, 'name'));
    const priceCents = doc['priceCents'] === null ? null : reader.wholeNumber(doc['priceCents'], fieldPath(path, 'priceCents'), 0);
    const monthlyGrantMillicredits = reader.credits(doc['monthlyGrant'], fieldPath(path, 'monthlyGrant'));
    const pool = readPoolReference(reader, doc['pool'], fieldPath(path, 'pool'), poolIds);
    const entitlements = readEntitlements(reader, doc['entitlements'], fieldPath(path, 'entitlements'));
    const concurrencyLimit = doc['concurrencyLimit'] === undefined
      ? DEFAULT_CONCURRENCY_LIMIT
      : reader.wholeNumber(doc['concurrencyLimit'], fieldPath(path, 'concurrencyLimit'), 1);
    const priority = doc['priority'] === undefined ? false : reader.flag(doc['priority'], fieldPath(path, 'priority'));
    if (
      id === undefined || name === undefined || priceCents === undefined || monthlyGrantMillicredits === undefined ||
      pool === undefined || !entitlements || concurrencyLimit === undefined || priority === undefined
    ) {
      return;
    }
    plans.push({ id, name, priceCents, monthlyGrantMillicredits, pool, entitlements, concurrencyLimit, priority });
  });
  return plans.length === list.length ? plans : undefined;
}

function readEntitlements(reader: DocumentReader, value: unknown, path: string): readonly Entitlement[] | undefined {
  const list = reader.array(value, path);
  if (!list) return undefined;
  const entitlements: Entitlement[] = [];
  list.forEach((entry, index) => {
    if (!isEntitlement(entry)) return reader.problem(fieldPath(path, index), `must be one of ${ENTITLEMENTS.join(', ')}`);
    if (!entitlements.includes(entry)) entitlements.push(entry);
    return undefined;
  });
  return entitlements.length === list.length ? entitlements : undefined;
}

export function readPacks(reader: DocumentReader, value: unknown, poolIds: ReadonlySet<string>): readonly CreditPack[] | undefined {
  const doc = reader.object(value, 'packs', [], [...poolIds]);
  if (!doc) return undefined;
  const packs: CreditPack[] = [];
  for (const [pool, entries] of Object.entries(doc)) {
    const poolPath = fieldPath('packs', pool);
    const list = reader.array(entries, poolPath);
    list?.forEach((entry, index) => {
      const path = fieldPath(poolPath, index);
      const pack = reader.object(entry, path, ['id', 'credits', 'priceCents']);
      if (!pack) return;
      const id = reader.text(pack['id'], fieldPath(path, 'id'), ID_PATTERN, ID_REASON);
      if (id !== undefined && packs.some((other) => other.id === id)) reader.problem(fieldPath(path, 'id'), `duplicates pack ${id}`);
      const millicredits = reader.credits(pack['credits'], fieldPath(path, 'credits'));
      const priceCents = reader.wholeNumber(pack['priceCents'], fieldPath(path, 'priceCents'), 0);
      if (millicredits === 0) reader.problem(fieldPath(path, 'credits'), 'must be more than 0');
      if (id === undefined || !millicredits || priceCents === undefined) return;
      packs.push({ id, pool, millicredits, priceCents });
    });
  }
  return packs;
}

function readPoolReference(reader: DocumentReader, value: unknown, path: string, poolIds: ReadonlySet<string>): string | undefined {
  const pool = reader.text(value, path);
  if (pool !== undefined && !poolIds.has(pool)) return reader.problem(path, `must be one of the pools: ${[...poolIds].join(', ')}`);
  return pool;
}

function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

function isEntitlement(value: unknown): value is Entitlement {
  return typeof value === 'string' && (ENTITLEMENTS as readonly string[]).includes(value);
}
