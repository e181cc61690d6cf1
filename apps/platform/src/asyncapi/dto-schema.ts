import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a class-validator payload class, read from its decorators: the wire
 * check and the document are one source. Nested classes (`@ValidateNested` with `@Type`)
 * become schemas of their own, named after their class, in `named`.
 */
export function schemaOfDto(dto: new () => object, named: Map<string, JsonSchema>): JsonSchema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of [...new Set(metadata.map((m) => m.propertyName))]) {
    const rules = metadata.filter((m) => m.propertyName === name);
    const kinds = new Set(rules.map((m) => (m.name ?? m.type) as string));
    const constraint = (kind: string): unknown[] => (rules.find((m) => m.name === kind)?.constraints ?? []) as unknown[];
    const each = rules.some((m) => m.each) || kinds.has('isArray');
    let item: JsonSchema = {};
    if (kinds.has('isString')) item = { type: 'string' };
    if (kinds.has('isInt')) item = { type: 'integer' };
    if (kinds.has('isNumber')) item = { type: 'number' };
    if (kinds.has('isBoolean')) item = { type: 'boolean' };
    if (kinds.has('isObject')) item = { type: 'object' };
    if (kinds.has('isIn')) item = { ...item, enum: constraint('isIn')[0] };
    if (kinds.has('isNotEmpty') && item['type'] === 'string') item = { ...item, minLength: 1 };
    if (kinds.has('min')) item = { ...item, minimum: constraint('min')[0] };
    if (kinds.has('max')) item = { ...item, maximum: constraint('max')[0] };
    if (kinds.has('length')) item = { ...item, minLength: constraint('length')[0], maxLength: constraint('length')[1] };
    if (kinds.has('matches')) item = { ...item, pattern: String((constraint('matches')[0] as RegExp).source) };
    if (kinds.has('nestedValidation')) {
      const nested = nestedClassOf(dto, name);
      if (nested) {
        const schemaName = nested.name.replace(/Payload$|Data$/, '');
        if (!named.has(schemaName)) named.set(schemaName, schemaOfDto(nested, named));
        item = { $ref: `#/components/schemas/${schemaName}` };
      }
    }
    let schema: JsonSchema = each ? { type: 'array', items: item } : item;
    if (kinds.has('conditionalValidation')) schema = { oneOf: [schema, { type: 'null' }] };
    properties[name] = schema;
    if (!kinds.has('isOptional')) required.push(name);
  }
  return { type: 'object', additionalProperties: false, required, properties };
}

/** The class `@Type` names for a member, learnt the public way: what class-transformer makes of a plain object there. */
function nestedClassOf(dto: new () => object, member: string): (new () => object) | undefined {
  const probe = (plainToInstance(dto, { [member]: [{}] }) as Record<string, unknown>)[member];
  const made: unknown = Array.isArray(probe) ? probe[0] : probe;
  if (made === null || typeof made !== 'object' || made.constructor === Object) return undefined;
  return made.constructor as new () => object;
}
