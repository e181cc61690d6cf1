import type { Channel } from '@billing/contracts';
import { complementOfExactDecimal, formatExactDecimal, isRoundingMode, parseExactDecimal, ratioOfDecimal, ROUNDING_MODES } from '@billing/util';
import { DocumentReader, fieldPath, ONE } from './document-reader';
import { breakdownLinesFor } from './breakdown';
import { ID_PATTERN, ID_REASON, readPacks, readPlans, readPools } from './parse-catalog';
import type { BatchRule, CoefficientTable, Coefficients, Factor, ModelRates, PriceBook, RoundingRule } from './price-book';
import { InvalidPriceBook } from './pricing-errors';

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
  const book = {
    id, version, effectiveFrom, description, currency, creditUnit, models, coefficients, previewFactor, batch, rounding,
    proRataShortOutput, quoteTtlMillis: quoteTtlSeconds * 1000, pools, poolByChannel, plans, defaultPlanId, packs,
  };
  return { ...book, breakdownLines: breakdownLinesFor(book) };
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
