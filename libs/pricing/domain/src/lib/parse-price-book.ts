import { type Channel, ENTITLEMENTS, type Entitlement } from '@billing/contracts';
import { complementOfExactDecimal, formatExactDecimal, isRoundingMode, parseExactDecimal, ratioOfDecimal, ROUNDING_MODES } from '@billing/util';
import { DocumentReader, fieldPath, ONE } from './document-reader';
import type { BatchRule, CoefficientTable, Coefficients, CreditPack, CreditPool, Factor, ModelRates, Plan, PriceBook, RoundingRule } from './price-book';
import { InvalidPriceBook } from './pricing-errors';

const CHANNELS: readonly Channel[] = ['app', 'api'];
const DEFAULT_CONCURRENCY_LIMIT = 6;
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const ID_REASON = 'must be lower-case letters, digits, ".", "_" or "-"';
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validates a price book document (already read from JSON or YAML) and compiles it
 * for quoting. Refuses unknown fields and reports every problem with its path.
 */
export function parsePriceBook(input: unknown): PriceBook {
  const reader = new DocumentReader();
  const book = readPriceBook(reader, input);
  if (reader.problems.length > 0 || !book) {
    const id = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : undefined;
    throw new InvalidPriceBook(reader.problems, id ? `price book ${JSON.stringify(id)}` : 'price book');
  }
  return book;
}

function readPriceBook(reader: DocumentReader, input: unknown): PriceBook | undefined {
  const doc = reader.object(input, '', [
    'id', 'version', 'effectiveFrom', 'description', 'currency', 'creditUnit', 'models', 'coefficients', 'preview',
    'batch', 'rounding', 'proRataShortOutput', 'quoteTtlSeconds', 'pools', 'plans', 'defaultPlan', 'packs',
  ]);
  if (!doc) return undefined;
  const id = reader.text(doc['id'], 'id', ID_PATTERN, ID_REASON);
  const version = reader.text(doc['version'], 'version');
  const effectiveFrom = readInstant(reader, doc['effectiveFrom'], 'effectiveFrom');
  const description = reader.text(doc['description'], 'description');
  const currency = reader.text(doc['currency'], 'currency', /^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"');
  const creditUnit = readCreditUnit(reader, doc['creditUnit']);
  const models = readModels(reader, doc['models']);
  const coefficients = readCoefficients(reader, doc['coefficients']);
  const previewFactor = readPreview(reader, doc['preview']);
  const batch = readBatch(reader, doc['batch']);
  const rounding = readRounding(reader, doc['rounding']);
  const proRataShortOutput = reader.flag(doc['proRataShortOutput'], 'proRataShortOutput');
  const quoteTtlSeconds = reader.wholeNumber(doc['quoteTtlSeconds'], 'quoteTtlSeconds', 1);
  const pools = readPools(reader, doc['pools']);
  const poolIds = new Set((pools ?? []).map((pool) => pool.id));
  const plans = readPlans(reader, doc['plans'], poolIds);
  const defaultPlanId = reader.text(doc['defaultPlan'], 'defaultPlan');
  if (defaultPlanId && plans && !plans.some((plan) => plan.id === defaultPlanId)) {
    reader.problem('defaultPlan', `must name one of the plans: ${plans.map((plan) => plan.id).join(', ')}`);
  }
  const packs = readPacks(reader, doc['packs'], poolIds);

  if (
    id === undefined || version === undefined || effectiveFrom === undefined || description === undefined ||
    currency === undefined || !creditUnit || !models || !coefficients || !previewFactor || !batch || !rounding ||
    proRataShortOutput === undefined || quoteTtlSeconds === undefined || !pools || !plans || !defaultPlanId || !packs
  ) {
    return undefined;
  }
  const poolByChannel = new Map<Channel, string>();
  for (const pool of pools) for (const channel of pool.channels) poolByChannel.set(channel, pool.id);
  return {
    id, version, effectiveFrom, description, currency, creditUnit, models, coefficients, previewFactor, batch, rounding,
    proRataShortOutput, quoteTtlMillis: quoteTtlSeconds * 1000, pools, poolByChannel, plans, defaultPlanId, packs,
  };
}

function readInstant(reader: DocumentReader, value: unknown, path: string): number | undefined {
  const reason = 'must be an ISO 8601 instant with a zone, e.g. "2026-01-01T00:00:00Z"';
  const text = reader.text(value, path);
  if (text === undefined) return undefined;
  const millis = INSTANT_PATTERN.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(millis) ? reader.problem(path, reason) : millis;
}

function readCreditUnit(reader: DocumentReader, value: unknown): PriceBook['creditUnit'] | undefined {
  const unit = reader.object(value, 'creditUnit', ['singular', 'plural']);
  if (!unit) return undefined;
  const singular = reader.text(unit['singular'], 'creditUnit.singular');
  const plural = reader.text(unit['plural'], 'creditUnit.plural');
  return singular && plural ? { singular, plural } : undefined;
}

function readModels(reader: DocumentReader, value: unknown): ReadonlyMap<string, ModelRates> | undefined {
  const entries = reader.map(value, 'models');
  if (!entries) return undefined;
  const models = new Map<string, ModelRates>();
  for (const [id, entry] of Object.entries(entries)) {
    const path = fieldPath('models', id);
    if (!ID_PATTERN.test(id)) reader.problem(path, `model id ${ID_REASON}`);
    const model = reader.object(entry, path, ['displayName', 'rates']);
    if (!model) continue;
    const displayName = reader.text(model['displayName'], fieldPath(path, 'displayName'));
    const ratesPath = fieldPath(path, 'rates');
    const rates = reader.object(model['rates'], ratesPath, ['withVideoReference', 'withoutVideoReference']);
    if (!rates) continue;
    const withReference = reader.credits(rates['withVideoReference'], fieldPath(ratesPath, 'withVideoReference'));
    const withoutReference = reader.credits(rates['withoutVideoReference'], fieldPath(ratesPath, 'withoutVideoReference'));
    if (displayName === undefined || withReference === undefined || withoutReference === undefined) continue;
    models.set(id, {
      id,
      displayName,
      withVideoReferenceMillicreditsPerSecond: withReference,
      withoutVideoReferenceMillicreditsPerSecond: withoutReference,
    });
  }
  return models.size === Object.keys(entries).length ? models : undefined;
}

function readCoefficients(reader: DocumentReader, value: unknown): Coefficients | undefined {
  const doc = reader.object(value, 'coefficients', ['resolution', 'fps', 'complexity']);
  if (!doc) return undefined;
  const resolution = readTable(reader, doc['resolution'], 'coefficients.resolution', (key) => key);
  const fps = readTable(reader, doc['fps'], 'coefficients.fps', (key) => (/^[1-9]\d{0,3}$/.test(key) ? Number(key) : undefined));
  const complexity = readTable(reader, doc['complexity'], 'coefficients.complexity', (key) => key);
  return resolution && fps && complexity ? { resolution, fps, complexity } : undefined;
}

function readTable<Key extends string | number>(
  reader: DocumentReader,
  value: unknown,
  path: string,
  toKey: (text: string) => Key | undefined,
): CoefficientTable<Key> | undefined {
  const doc = reader.object(value, path, ['default', 'values']);
  if (!doc) return undefined;
  const entries = reader.map(doc['values'], fieldPath(path, 'values'));
  if (!entries) return undefined;
  const values = new Map<Key, Factor>();
  for (const [text, entry] of Object.entries(entries)) {
    const entryPath = fieldPath(fieldPath(path, 'values'), text);
    const key = toKey(text);
    if (key === undefined) {
      reader.problem(entryPath, 'must be a whole number of frames per second');
      continue;
    }
    const factor = reader.factor(entry, entryPath);
    if (factor) values.set(key, factor);
  }
  const defaultText = typeof doc['default'] === 'number' ? String(doc['default']) : doc['default'];
  const defaultName = reader.text(defaultText, fieldPath(path, 'default'));
  const defaultKey = defaultName === undefined ? undefined : toKey(defaultName);
  if (defaultName !== undefined && (defaultKey === undefined || !(defaultName in entries))) {
    return reader.problem(fieldPath(path, 'default'), `must be one of ${Object.keys(entries).join(', ')}`);
  }
  if (defaultKey === undefined || values.size !== Object.keys(entries).length) return undefined;
  return { defaultKey, values };
}

function readPreview(reader: DocumentReader, value: unknown): Factor | undefined {
  const doc = reader.object(value, 'preview', ['factor']);
  return doc ? reader.factor(doc['factor'], 'preview.factor', ONE) : undefined;
}

function readBatch(reader: DocumentReader, value: unknown): BatchRule | undefined {
  const doc = reader.object(value, 'batch', ['minimumSize', 'maximumSize', 'discountPerAdditionalTask']);
  if (!doc) return undefined;
  const minimumSize = reader.wholeNumber(doc['minimumSize'], 'batch.minimumSize', 2);
  const maximumSize = reader.wholeNumber(doc['maximumSize'], 'batch.maximumSize', 1);
  if (minimumSize !== undefined && maximumSize !== undefined && maximumSize < minimumSize) {
    reader.problem('batch.maximumSize', `must be at least batch.minimumSize (${minimumSize})`);
  }
  const discount = reader.factor(doc['discountPerAdditionalTask'], 'batch.discountPerAdditionalTask', ONE);
  const remainder = discount && complementOfExactDecimal(parseExactDecimal(discount.text, 6) ?? { units: 0, scale: 0 });
  if (minimumSize === undefined || maximumSize === undefined || !discount || !remainder) return undefined;
  return {
    minimumSize,
    maximumSize,
    discountPerAdditionalTask: discount,
    additionalTaskFactor: { text: formatExactDecimal(remainder), ...ratioOfDecimal(remainder) },
  };
}

function readRounding(reader: DocumentReader, value: unknown): RoundingRule | undefined {
  const doc = reader.object(value, 'rounding', ['incrementMillicredits', 'mode']);
  if (!doc) return undefined;
  const incrementMillicredits = reader.wholeNumber(doc['incrementMillicredits'], 'rounding.incrementMillicredits', 1);
  const mode = doc['mode'];
  if (!isRoundingMode(mode)) return reader.problem('rounding.mode', `must be one of ${ROUNDING_MODES.join(', ')}`);
  return incrementMillicredits === undefined ? undefined : { incrementMillicredits, mode };
}

function readPools(reader: DocumentReader, value: unknown): readonly CreditPool[] | undefined {
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

function readPlans(reader: DocumentReader, value: unknown, poolIds: ReadonlySet<string>): readonly Plan[] | undefined {
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
  return plans;
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

function readPacks(reader: DocumentReader, value: unknown, poolIds: ReadonlySet<string>): readonly CreditPack[] | undefined {
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
