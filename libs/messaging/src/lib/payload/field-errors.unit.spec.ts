import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsNumber, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { fieldErrorsOf } from './field-errors';
import { validateDto } from './validate-dto';

class Item {
  @IsString() @IsNotEmpty() @MaxLength(8) packId!: string;
}

class Render {
  @IsNumber({ maxDecimalPlaces: 3 }) @Min(0.001) @Max(3600) seconds!: number;
  @IsInt() @Min(1) @Max(240) fps!: number;
  @IsString() @Matches(/^[a-z]+$/, { message: 'must be lower-case letters' }) model!: string;
  @ValidateNested() @Type(() => Item) item!: Item;
}

const errorsFor = (plain: object) => {
  const validated = validateDto(Render, plain, { forbidUnknownValues: true });
  return validated.ok ? [] : fieldErrorsOf(validated.errors);
};

describe('fieldErrorsOf: one message per field, the first rule as written', () => {
  it('gives a value of the wrong type one message saying what it must be', () => {
    expect(errorsFor({ seconds: '5', fps: '30', model: 7, item: { packId: 123 } })).toEqual([
      { field: 'seconds', message: 'must be a number' },
      { field: 'fps', message: 'must be a whole number' },
      { field: 'model', message: 'must be a string' },
      { field: 'item.packId', message: 'must be a string' },
    ]);
  });

  it('gives a value of the right type the broken rule’s own message, without the field’s name', () => {
    expect(errorsFor({ seconds: 4000, fps: 30, model: 'ABC', item: { packId: 'x'.repeat(9) }, extra: 1 })).toEqual([
      { field: 'extra', message: 'is not a known field' },
      { field: 'seconds', message: 'must not be greater than 3600' },
      { field: 'model', message: 'must be lower-case letters' },
      { field: 'item.packId', message: 'must be shorter than or equal to 8 characters' },
    ]);
    expect(errorsFor({ seconds: 1.2345, fps: 30, model: 'abc', item: { packId: 'a' } })).toEqual([
      { field: 'seconds', message: 'must be a number conforming to the specified constraints' },
    ]);
  });
});
