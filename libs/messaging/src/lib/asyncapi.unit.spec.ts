import { WALLET_EVENT_SCHEMA_VERSIONS } from '@billing/contracts';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DeadLetterHeader, EventHeader } from './headers';
import { deadLetterTopicFor } from './topics';
import { WALLET_PAYLOAD_SCHEMAS, WALLET_TOPIC, WALLET_TOPIC_SCHEMAS } from './wallet/wallet-topic';

/** Just the parts of the document this test reads. */
interface JsonSchema {
  readonly $ref?: string;
  readonly const?: unknown;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly allOf?: readonly JsonSchema[];
}
interface AsyncApiMessage {
  readonly name: string;
  readonly headers: JsonSchema;
  readonly payload: JsonSchema;
}
interface AsyncApiDocument {
  readonly asyncapi: string;
  readonly channels: Readonly<Record<string, { readonly address: string; readonly messages: Readonly<Record<string, JsonSchema>> }>>;
  readonly components: {
    readonly messages: Readonly<Record<string, AsyncApiMessage>>;
    readonly schemas: Readonly<Record<string, JsonSchema>>;
  };
}

const document = parse(readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8')) as AsyncApiDocument;
const schemaAt = (ref: string | undefined): JsonSchema => {
  const name = (ref ?? '').replace('#/components/schemas/', '');
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`No schema ${String(ref)}`);
  return schema;
};

/** The fields a payload class validates, and which of them may be absent. */
const fieldsOf = (dto: new () => object): { all: string[]; optional: string[] } => {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const all = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const optional = [...new Set(metadata.filter((m) => m.name === 'isOptional').map((m) => m.propertyName))].sort();
  return { all, optional };
};

describe('docs/asyncapi.yaml', () => {
  const walletChannel = Object.values(document.channels).find((c) => c.address === WALLET_TOPIC);
  const contractTypes = Object.keys(WALLET_EVENT_SCHEMA_VERSIONS).sort();

  it('is an AsyncAPI 3 document with the wallet topic and its dead-letter topic', () => {
    expect(document.asyncapi).toMatch(/^3\./);
    expect(walletChannel).toBeDefined();
    expect(Object.values(document.channels).map((c) => c.address)).toContain(deadLetterTopicFor(WALLET_TOPIC));
  });

  it('has a message on the wallet topic for every type the topic carries (each wallet event type of the contracts, and the period opening), and no other', () => {
    expect(Object.keys(walletChannel?.messages ?? {}).sort()).toEqual(Object.keys(WALLET_TOPIC_SCHEMAS).sort());
    expect(Object.keys(walletChannel?.messages ?? {})).toEqual(expect.arrayContaining(contractTypes));
    expect(contractTypes.every((type) => document.components.messages[type]?.name === type)).toBe(true);
  });

  it.each(Object.entries(WALLET_EVENT_SCHEMA_VERSIONS))('gives %s its type and schema version %i in headers', (type, version) => {
    const message = document.components.messages[type];
    const fixed = message?.headers.allOf?.find((part) => part.properties)?.properties;
    expect(fixed?.['event-type']?.const).toBe(type);
    expect(fixed?.['schema-version']?.const).toBe(String(version));
    expect(message?.headers.allOf?.some((part) => part.$ref === '#/components/schemas/EventHeaders')).toBe(true);
  });

  it.each(Object.keys(WALLET_EVENT_SCHEMA_VERSIONS))('describes exactly the fields the %s payload class validates', (type) => {
    const message = document.components.messages[type];
    const payload = schemaAt(message?.payload.$ref);
    const schema = WALLET_PAYLOAD_SCHEMAS[type as keyof typeof WALLET_PAYLOAD_SCHEMAS];
    const { all, optional } = fieldsOf(schema.dto);
    expect(Object.keys(payload.properties ?? {}).sort()).toEqual(all);
    expect([...(payload.required ?? [])].sort()).toEqual(all.filter((f) => !optional.includes(f)));
  });

  it('names the headers the relay and the dead-letter path write', () => {
    expect(Object.keys(schemaAt('#/components/schemas/EventHeaders').properties ?? {}).sort()).toEqual(Object.values(EventHeader).sort());
    expect(Object.keys(schemaAt('#/components/schemas/DeadLetterHeaders').properties ?? {}).sort()).toEqual(Object.values(DeadLetterHeader).sort());
  });
});
