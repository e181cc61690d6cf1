import 'reflect-metadata';
import { IsInt, IsString, Min, getMetadataStorage } from 'class-validator';
import { validatePayload } from './validate-payload';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

const fields = (dto: new () => object, plain: object) => {
  const result = validatePayload(dto, plain);
  return result.ok ? [] : result.errors.map((e) => `${e.field}: ${e.message}`);
};

describe('cacheValidationMetadata', () => {
  it('is installed by validatePayload, once however often it is asked', () => {
    const storage = getMetadataStorage();
    const lookup = storage.getTargetValidationMetadatas;
    cacheValidationMetadata();
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
    expect(lookup.name).not.toBe('getTargetValidationMetadatas');
  });

  it('given the same class twice, then the rules are looked up once and inherited rules still apply', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['count', 'count', 'name']);
    expect(fields(Derived, { name: 7, count: 0 })).toEqual(['count: count must not be less than 1', 'name: name must be a string']);
    expect(fields(Derived, { name: 'a', count: 2 })).toEqual([]);
    expect(fields(Base, { name: 'a', count: 2 })).toEqual(['count: property count should not exist']);
  });

  it('given other options, then they get an answer of their own', () => {
    const storage = getMetadataStorage();
    const plain = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false, ['admin'])).not.toBe(plain);
  });

  it('given a rule added after a class was validated, then the next validation applies it', () => {
    class Later {
      @IsString()
      label!: string;
    }
    expect(fields(Later, { label: 'x', size: 3 })).toEqual(['size: property size should not exist']);
    IsInt()(Later.prototype, 'size');
    expect(fields(Later, { label: 'x', size: 3 })).toEqual([]);
    expect(fields(Later, { label: 'x', size: 'big' })).toEqual(['size: size must be an integer number']);
  });
});
