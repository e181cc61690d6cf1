import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, type ValidationArguments, ValidationError, ValidationTypes, validateSync } from 'class-validator';

// class-transformer's own rules (@Type and the like), where its executor reads them; the package does not export them.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

type Dto<T> = new () => T;
type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Constraint = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidatorConstraints']>[number];

export type DtoValidation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ValidationError[] };

export interface DtoValidationOptions {
  /** class-validator's option of that name: refuse a value whose class has no rules at all. */
  readonly forbidUnknownValues: boolean;
}

/**
 * A JSON value checked against a class-validator DTO, as `plainToInstance` then
 * `validateSync` with `whitelist` and `forbidNonWhitelisted` (unknown members refused,
 * not dropped) would check it, and with the same answer.
 *
 * Those two walk every rule of the class on every call, through filters and closures:
 * on the task pipeline that was about a tenth of the CPU and a third of what the
 * services allocated. So each class gets a plan, made once from the same metadata, that
 * builds the instance and runs the same constraint functions directly. The plan only
 * ever accepts: when it declines (a rule fails, a member is unknown, or the value holds
 * something it does not handle), the two libraries run as before, and their answer,
 * errors and all, is the one returned. Classes with what a plan does not cover
 * (promise rules, a member without rules, class-transformer's exposing, excluding,
 * transforming or discriminators) always take that way. Rules are read when a class is
 * first validated: decorators run when the class is defined, before that.
 */
export function validateDto<T extends object>(dto: Dto<T>, plain: object, options: DtoValidationOptions): DtoValidation<T> {
  const plan = planOf(dto);
  if (plan) {
    const value = plan.build(plain);
    if (value !== DECLINED && plan.accepts(value)) {
      if (crossChecking) crossCheck(dto, plain, options, value);
      return { ok: true, value: value as T };
    }
  }
  return bothLibraries(dto, plain, options);
}

/**
 * The libraries' own answer. class-transformer throws on some JSON it cannot copy (an
 * object member named `constructor`, say): that value is refused like any invalid one,
 * so a consumer dead-letters it instead of failing on it again and again.
 */
function bothLibraries<T extends object>(dto: Dto<T>, plain: object, options: DtoValidationOptions): DtoValidation<T> {
  try {
    const value = plainToInstance(dto, plain);
    const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: options.forbidUnknownValues });
    return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
  } catch (thrown) {
    const error = new ValidationError();
    error.property = '';
    error.children = [];
    error.constraints = { unreadable: `cannot be read as ${dto.name} (${thrown instanceof Error ? thrown.message : String(thrown)})` };
    return { ok: false, errors: [error] };
  }
}

/**
 * Test tiers set BILLING_CROSS_CHECK_VALIDATION=1 (jest's setup, inherited by worker
 * threads and child processes): then every value a plan accepts is validated by the two
 * libraries as well, and a different answer or instance throws.
 */
const crossChecking = process.env['BILLING_CROSS_CHECK_VALIDATION'] === '1';

function crossCheck(dto: Dto<object>, plain: object, options: DtoValidationOptions, accepted: object): void {
  const reference = bothLibraries(dto, plain, options);
  if (!reference.ok) throw new Error(`validateDto accepted a ${dto.name} that class-validator refuses: ${JSON.stringify(plain)}`);
  const difference = firstDifference(reference.value, accepted, dto.name);
  if (difference) throw new Error(`validateDto built a ${dto.name} unlike class-transformer's (${difference}): ${JSON.stringify(plain)}`);
}

/** Where two built values differ in shape, class or content; null when they do not. */
export function firstDifference(expected: unknown, actual: unknown, path: string): string | null {
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    return Object.is(expected, actual) ? null : `${path}: ${String(expected)} != ${String(actual)}`;
  }
  if (Object.getPrototypeOf(expected) !== Object.getPrototypeOf(actual)) return `${path}: another class`;
  const keys = Object.keys(expected);
  if (keys.join() !== Object.keys(actual).join()) return `${path}: members ${keys.join()} != ${Object.keys(actual).join()}`;
  for (const key of keys) {
    const found = firstDifference((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** Whether `dto` has a plan: a test keeps the platform's own payloads on the quick way. */
export const planCovers = (dto: Dto<object>): boolean => planOf(dto) !== null;

const DECLINED = Symbol('declined');
type Built = object | typeof DECLINED;

interface Rule {
  readonly metadata: Metadata;
  readonly constraints: readonly Constraint[];
}

interface PropertyPlan {
  readonly name: string;
  /** IsOptional, ValidateIf: the property is checked only when every one says so. */
  readonly conditions: readonly Metadata[];
  readonly rules: readonly Rule[];
  /** ValidateNested: the schema class-validator passes down (the declaring class's name), or null. */
  readonly nested: string | null;
  /** class-transformer's @Type: the class a member becomes (none: JSON copied as is). */
  readonly type: ((options: { newObject: object; object: object; property: string }) => unknown) | null;
}

class Plan {
  private readonly byName: ReadonlyMap<string, PropertyPlan>;

  constructor(
    private readonly dto: Dto<object>,
    private readonly properties: readonly PropertyPlan[],
  ) {
    this.byName = new Map(properties.map((p) => [p.name, p]));
  }

  /** The instance `plainToInstance` makes of a JSON object, or DECLINED (an unknown member among others, so `accepts` need not whitelist). */
  build(plain: object): Built {
    if (!isJsonObject(plain)) return DECLINED;
    const instance = new this.dto() as Record<string, unknown>;
    for (const key of Object.keys(plain)) {
      const property = this.byName.get(key);
      if (!property) return DECLINED;
      const member = (plain as Record<string, unknown>)[key];
      const built = property.type ? this.typed(property, instance, plain, member) : copyJson(member);
      if (built === DECLINED) return DECLINED;
      if (built !== undefined) instance[key] = built;
    }
    return instance;
  }

  /** Whether class-validator finds nothing wrong with an instance a plan built (false: let it say what). */
  accepts(instance: object): boolean {
    for (const property of this.properties) {
      const value = (instance as Record<string, unknown>)[property.name];
      let applies = true;
      for (const condition of property.conditions) applies = (condition.constraints[0] as (o: object, v: unknown) => boolean)(instance, value) && applies;
      if (!applies) continue;
      for (const rule of property.rules) if (!passes(rule, instance, value)) return false;
      if (property.nested !== null && !nestedAccepted(value, property.nested)) return false;
    }
    return true;
  }

  private typed(property: PropertyPlan, instance: object, plain: object, member: unknown): unknown {
    const type = property.type?.({ newObject: instance, object: plain, property: property.name });
    const plan = typeof type === 'function' ? planOf(type as Dto<object>) : null;
    if (!plan) return DECLINED;
    if (!Array.isArray(member)) return isJsonObject(member) ? plan.build(member) : DECLINED;
    const built: object[] = [];
    for (const element of member) {
      const one = isJsonObject(element) ? plan.build(element) : DECLINED;
      if (one === DECLINED) return DECLINED;
      built.push(one);
    }
    return built;
  }
}

/*
 * The checks below run for every member of every payload: loops and module functions,
 * no closures (tsx names each closure it creates, a `defineProperty` per call).
 */

function passes(rule: Rule, instance: object, value: unknown): boolean {
  const { metadata } = rule;
  if (metadata.validateIf && !metadata.validateIf(instance, value)) return true;
  const args: ValidationArguments = { targetName: instance.constructor.name, property: metadata.propertyName, object: instance, value, constraints: metadata.constraints };
  const each = metadata.each && Array.isArray(value);
  for (const constraint of rule.constraints) {
    if (!each) {
      if (!valid(constraint.instance.validate(value, args))) return false;
      continue;
    }
    for (const one of value as unknown[]) if (!valid(constraint.instance.validate(one, args))) return false;
  }
  return true;
}

/** A constraint's answer as class-validator reads it; a promise (an asynchronous answer) leaves it to the libraries. */
const valid = (answer: unknown): boolean => !!answer && !(typeof answer === 'object' && typeof (answer as { then?: unknown }).then === 'function');

/** ValidateNested: each element (or the value) an instance whose own plan accepts it. */
function nestedAccepted(value: unknown, schema: string): boolean {
  if (!Array.isArray(value)) return nestedOneAccepted(value, schema);
  for (const one of value) if (!nestedOneAccepted(one, schema)) return false;
  return true;
}

function nestedOneAccepted(one: unknown, schema: string): boolean {
  if (one === undefined) return true;
  if (typeof one !== 'object' || one === null || Array.isArray(one)) return false;
  return planOf(one.constructor as Dto<object>, schema)?.accepts(one) ?? false;
}

const plans = new Map<string, Map<Dto<object>, Plan | null>>();

/** The class's plan (made once per class and parent schema), or null when it has rules a plan does not cover. */
function planOf(dto: Dto<object>, schema?: string): Plan | null {
  let bySchema = plans.get(schema ?? '');
  if (!bySchema) plans.set(schema ?? '', (bySchema = new Map()));
  let plan = bySchema.get(dto);
  if (plan === undefined) bySchema.set(dto, (plan = makePlan(dto, schema)));
  return plan;
}

const COVERED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

function makePlan(dto: Dto<object>, schema: string | undefined): Plan | null {
  const storage = getMetadataStorage();
  // The lookup class-validator makes for `validateSync(value, options)` (no groups, `always` off).
  const metadatas = storage.getTargetValidationMetadatas(dto, schema as string, false, false, undefined);
  if (metadatas.length === 0 || metadatas.some((m) => !COVERED.has(m.type))) return null;
  const grouped = storage.groupByPropertyName(metadatas);
  if (!transformsPlainly(dto, Object.keys(grouped))) return null;
  const properties: PropertyPlan[] = [];
  for (const [name, group] of Object.entries(grouped)) {
    if (name in Object.prototype || isAccessorOrMethod(dto, name)) return null;
    const typeMetadata = defaultMetadataStorage.findTypeMetadata(dto, name);
    if (typeMetadata && (typeMetadata.options?.discriminator || typeMetadata.reflectedType === Set || typeMetadata.reflectedType === Map)) return null;
    const rules: Rule[] = [];
    for (const metadata of group) {
      if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION && metadata.type !== ValidationTypes.IS_DEFINED) continue;
      // validateSync leaves asynchronous constraints out.
      rules.push({ metadata, constraints: storage.getTargetValidatorConstraints(metadata.constraintCls).filter((c) => !c.async) });
    }
    properties.push({
      name,
      conditions: group.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION),
      rules,
      nested: nestedSchema(group.find((m) => m.type === ValidationTypes.NESTED_VALIDATION)),
      type: typeMetadata ? (typeMetadata.typeFunction as PropertyPlan['type']) : null,
    });
  }
  // A declared member without rules is on every instance: whitelisting refuses it, so the libraries answer.
  if (Object.keys(new dto()).some((key) => !(key in grouped))) return null;
  return new Plan(dto, properties);
}

const nestedSchema = (metadata: Metadata | undefined): string | null =>
  metadata === undefined ? null : typeof metadata.target === 'string' ? metadata.target : metadata.target.name;

/** class-transformer copies members by name, with nothing exposed, excluded or transformed. */
function transformsPlainly(dto: Dto<object>, names: readonly string[]): boolean {
  if (defaultMetadataStorage.getStrategy(dto) !== 'none') return false;
  if (defaultMetadataStorage.getExposedMetadatas(dto).length > 0 || defaultMetadataStorage.getExcludedMetadatas(dto).length > 0) return false;
  // Any transformation kind: 1 plain to class, 2 class to plain, 3 class to class.
  return names.every((name) => [1, 2, 3].every((kind) => defaultMetadataStorage.findTransformMetadatas(dto, name, kind).length === 0));
}

/** class-transformer skips members that are getters without setters or methods on the class. */
function isAccessorOrMethod(dto: Dto<object>, name: string): boolean {
  for (let proto: object | null = dto.prototype as object; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor && (descriptor.get || descriptor.set || typeof descriptor.value === 'function')) return true;
  }
  return false;
}

const isJsonObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * What class-transformer makes of an untyped JSON member: primitives as they are, arrays
 * and objects copied. It drops members named like Object's own (`constructor`,
 * `toString`, ...); such a member declines instead.
 */
function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? DECLINED : value;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const element of value) {
      const one = copyJson(element);
      if (one === DECLINED || one === undefined) return DECLINED;
      copy.push(one);
    }
    return copy;
  }
  if (!isJsonObject(value)) return DECLINED;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key in Object.prototype) return DECLINED;
    const one = copyJson((value as Record<string, unknown>)[key]);
    if (one === DECLINED) return DECLINED;
    if (one !== undefined) copy[key] = one;
  }
  return copy;
}
