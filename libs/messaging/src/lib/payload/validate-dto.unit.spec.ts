import 'reflect-metadata';
import { Expose, plainToInstance, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  type ValidationError,
  validateSync,
} from 'class-validator';
import fc from 'fast-check';
import {
  CreditsChargedPayload,
  CreditsGrantedPayload,
  CreditsPurchasedPayload,
  CreditsReleasedPayload,
  CreditsReservedPayload,
  GrantSourcePayload,
  LotAllocationPayload,
} from '../wallet/wallet-payloads';
import { firstDifference, planCovers, validateDto } from './validate-dto';

class Tag {
  @Matches(/^[a-z]{1,8}$/) name!: string;
  @IsOptional() @IsBoolean() pinned?: boolean;
}

class Fixture {
  @IsString() @MaxLength(6) label!: string;
  @IsIn(['a', 'b'], { each: true }) @IsArray() letters!: string[];
  @IsOptional() @IsObject() meta?: Record<string, unknown>;
  @IsOptional() @Type(() => Tag) tag?: Tag;
  @IsInt() @Min(1) count!: number;
  @IsString() @Length(2, 4) code!: string;
}

class Exposed {
  @Expose({ name: 'alias' }) @IsString() name!: string;
}

class Undeclared {
  @IsString() name!: string;
  note?: string;
}

class Empty {}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/** What the two libraries answer: the reference validateDto must agree with. */
function reference(dto: new () => object, plain: object, forbidUnknownValues: boolean) {
  let value: object;
  try {
    value = plainToInstance(dto, plain);
  } catch (thrown) {
    return { ok: false as const, errors: [` unreadable: cannot be read as ${dto.name} (${(thrown as Error).message})`] };
  }
  const errors = validateSync(value, { ...OPTIONS, forbidUnknownValues });
  return errors.length === 0 ? { ok: true as const, value } : { ok: false as const, errors: errorLines(errors) };
}

const errorLines = (errors: readonly ValidationError[], path = ''): string[] =>
  errors.flatMap((e) => {
    const at = path ? `${path}.${e.property}` : e.property;
    return [...Object.entries(e.constraints ?? {}).map(([k, m]) => `${at} ${k}: ${m}`), ...errorLines(e.children ?? [], at)];
  });

function expectSameAnswer(dto: new () => object, plain: object, forbidUnknownValues = true): boolean {
  const expected = reference(dto, plain, forbidUnknownValues);
  const actual = validateDto(dto, plain, { forbidUnknownValues });
  expect(actual.ok).toBe(expected.ok);
  if (expected.ok && actual.ok) expect(firstDifference(expected.value, actual.value, dto.name)).toBeNull();
  if (!expected.ok && !actual.ok) expect(errorLines(actual.errors)).toEqual(expected.errors);
  return expected.ok;
}

const allocation = { lotId: 'lot-1', millicredits: 1500 };
const SAMPLES: readonly [new () => object, Record<string, unknown>][] = [
  [CreditsReservedPayload, { reservationId: 'res-1', millicredits: 1500, allocations: [allocation], expiresAt: 1_700_000_600_000, taskId: 't-1', at: 1_700_000_000_000 }],
  [CreditsChargedPayload, { reservationId: 'res-1', millicredits: 0, allocations: [], at: 1 }],
  [CreditsReleasedPayload, { reservationId: 'res-1', millicredits: 10, allocations: [allocation, allocation], reason: 'failed', at: 1 }],
  [CreditsGrantedPayload, { grantId: 'g-1', millicredits: 5, source: { kind: 'plan', reference: 'p-1' }, expiresAt: null, at: 1 }],
  [CreditsPurchasedPayload, { purchaseId: 'p', millicredits: 1, amountCents: 100, currency: 'EUR', priceBookId: 'b', priceBookVersion: 'v1', at: 1 }],
  [Fixture, { label: 'six', letters: ['a', 'b', 'a'], meta: { nested: { deep: [1, 'two', null] } }, tag: { name: 'hot', pinned: true }, count: 3, code: 'abc' }],
];

/** Values a member may be given: right ones for some members, wrong ones for others, and anything JSON. */
const MEMBER_VALUE = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      ...['', 'x', 'EUR', 'res-2', 'a', 'abcdefg', '😀😀😀', 0, 1, -1, 1.5, 2 ** 53, null, true, false, [], {}, ['a', 'c'], [null]],
      ...[[allocation], [{ lotId: '', millicredits: 1 }], [allocation, 'lot'], { kind: 'plan', reference: 'r' }, { kind: 'plan' }, { name: 'ok' }, { name: 'NO' }],
      // Members class-transformer drops from a copied object.
      ...[{ toString: 1 }, { a: { valueOf: 2 } }, [{ constructor: 'x' }]],
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A change to a sample: a member set, removed or added (including names class-transformer treats apart). */
const change = (keys: readonly string[]) =>
  fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...keys, 'extra', 'constructor', '__proto__', 'toString'), value: MEMBER_VALUE }),
    fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...keys) }),
  );

/** The sample with the changes, as the wire delivers it (parsed JSON: plain objects, an own `__proto__` member included). */
function changed(sample: Record<string, unknown>, changes: readonly { kind: 'set' | 'delete'; key: string; value?: unknown }[]): object {
  const members = Object.entries(sample).filter(([key]) => !changes.some((c) => c.kind === 'delete' && c.key === key));
  const set = changes.filter((c) => c.kind === 'set').map((c) => `${JSON.stringify(c.key)}:${JSON.stringify(c.value)}`);
  const kept = members.filter(([key]) => !changes.some((c) => c.key === key)).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  return JSON.parse(`{${[...kept, ...set].join(',')}}`) as object;
}

describe('validateDto', () => {
  it('accepts each sample with the instance class-transformer builds (nested classes included)', () => {
    for (const [dto, sample] of SAMPLES) expect(expectSameAnswer(dto, JSON.parse(JSON.stringify(sample)) as object)).toBe(true);
    const granted = validateDto(CreditsGrantedPayload, { grantId: 'g', millicredits: 1, source: { kind: 'plan', reference: 'r' }, expiresAt: null, at: 1 }, { forbidUnknownValues: true });
    expect(granted.ok && granted.value.source).toBeInstanceOf(GrantSourcePayload);
    const reserved = validateDto(CreditsReservedPayload, { reservationId: 'r', millicredits: 1, allocations: [allocation], expiresAt: 2, at: 1 }, { forbidUnknownValues: true });
    expect(reserved.ok && reserved.value.allocations[0]).toBeInstanceOf(LotAllocationPayload);
  });

  it('answers as class-validator and class-transformer do for changed samples, errors and instances alike', () => {
    for (const [dto, sample] of SAMPLES) {
      let accepted = 0;
      fc.assert(
        fc.property(fc.array(change(Object.keys(sample)), { maxLength: 3 }), (changes) => {
          if (expectSameAnswer(dto, changed(sample, changes))) accepted += 1;
          expect(expectSameAnswer(dto, changed(sample, changes), false)).toBeDefined();
        }),
        { numRuns: 500, seed: 7 },
      );
      // Both answers were exercised: the property says something about acceptance as well as refusal.
      expect(accepted).toBeGreaterThan(0);
    }
  });

  it('answers as the libraries do for values no plan handles', () => {
    expectSameAnswer(Exposed, { alias: 'x' });
    expectSameAnswer(Exposed, { name: 'x' });
    expectSameAnswer(Undeclared, { name: 'x' });
    expectSameAnswer(Empty, {}, true);
    expectSameAnswer(Empty, {}, false);
    expectSameAnswer(Empty, { any: 1 }, false);
    expectSameAnswer(Fixture, Object.assign(Object.create(null) as object, SAMPLES[5]?.[1]));
  });

  it('has a plan for the wire payloads and the fixture, and none where class-transformer renames or a member has no rule', () => {
    for (const [dto] of SAMPLES) expect(planCovers(dto)).toBe(true);
    expect(planCovers(Exposed)).toBe(false);
    expect(planCovers(Undeclared)).toBe(false);
    expect(planCovers(Empty)).toBe(false);
  });
});
