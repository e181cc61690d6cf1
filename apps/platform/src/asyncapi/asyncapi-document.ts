import { DeadLetterHeader, deadLetterTopicFor, EventHeader, isDeadLetterTopic } from '@billing/messaging';
import { CommandHeader, commandTopicFor, RpcHeader, rpcReplyTopicFor, rpcTopicFor } from '@billing/service-host';
import { type JsonSchema, schemaOfDto } from './dto-schema';
import type { PlatformTopics } from './platform-topics';

/** The per-caller reply topic, as the document names it: one channel with a parameter. */
export const REPLY_TOPIC_TEMPLATE = rpcReplyTopicFor('{caller}');

interface Channel {
  readonly address: string;
  readonly title: string;
  readonly description: string;
  readonly messages: Record<string, { $ref: string }>;
  readonly parameters?: Record<string, { description: string }>;
}

const header = (names: readonly string[], optional: readonly string[] = []): JsonSchema => ({ type: 'object', required: names.filter((n) => !optional.includes(n)), properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) });
const ref = (kind: 'messages' | 'schemas', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const idOf = (topic: string): string => topic.replace(/^billing\./, '').replace(/[{}]/g, '').replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());

/**
 * The AsyncAPI 3 document of every topic the platform uses: the topics the embedded
 * platform asked its bus for, the dead-letter topic of each (Kafka creates them all), and
 * the RPC reply topics of the distributed mode. Messages come from the services'
 * definitions: the event payload classes their consumers validate, the command and RPC
 * request classes their hosts validate.
 */
export function asyncapiDocument(recorded: PlatformTopics): JsonSchema {
  const schemas = new Map<string, JsonSchema>();
  const messages = new Map<string, JsonSchema>();
  const channels = new Map<string, Channel>();
  const operations = new Map<string, JsonSchema>();
  const addMessage = (name: string, message: JsonSchema) => (messages.has(name) ? undefined : messages.set(name, { name, title: name, ...message }));
  const payloadOf = (dto: new () => object, name: string): JsonSchema => {
    if (!schemas.has(name)) schemas.set(name, schemaOfDto(dto, schemas));
    return ref('schemas', name);
  };
  const channel = (address: string, title: string, description: string, names: readonly string[]): void => {
    const id = idOf(address);
    channels.set(id, { address, title, description, messages: Object.fromEntries(names.map((n) => [n, ref('messages', n)])), ...(address.includes('{caller}') ? { parameters: { caller: { description: 'The calling service or gateway' } } } : {}) });
  };
  const eventsOf = new Map<string, Set<string>>();
  const consumers = new Map<string, string[]>();

  for (const definition of recorded.definitions) {
    for (const reactor of definition.reactors ?? []) {
      if (reactor.source.kind !== 'bus') continue;
      const { topics, schemas: payloads, handles } = reactor.source;
      const types = Object.keys(payloads);
      for (const type of types) {
        const schema = payloads[type];
        if (!schema) continue;
        addMessage(type, { summary: `The ${type} event (schema version ${schema.schemaVersion}).`, headers: { allOf: [ref('schemas', 'EventHeaders'), { type: 'object', properties: { 'event-type': { const: type }, 'schema-version': { const: String(schema.schemaVersion) } } }] }, payload: payloadOf(schema.dto, `${type}Data`) });
      }
      for (const topic of topics) {
        eventsOf.set(topic, new Set([...(eventsOf.get(topic) ?? []), ...types]));
        const skipped = handles ? types.filter((t) => !handles.includes(t)) : [];
        consumers.set(topic, [...(consumers.get(topic) ?? []), `\`${definition.name}.${reactor.name}\` handles ${(handles ?? types).join(', ')}${skipped.length ? `; skips by design (valid, committed past, no effect) ${skipped.join(', ')}` : ''}.`]);
        operations.set(`${definition.name}${idOf(reactor.name)}Receives`, { action: 'receive', title: `${definition.name}.${reactor.name} reads ${topic}`, channel: { $ref: `#/channels/${idOf(topic)}` }, 'x-skipped-by-design': skipped, messages: (handles ?? types).map((t) => ({ $ref: `#/channels/${idOf(topic)}/messages/${t}` })) });
      }
    }
  }
  for (const definition of recorded.definitions) {
    for (const route of definition.publishes) {
      const types = [...(eventsOf.get(route.topic) ?? [])];
      if (types.length === 0) {
        const generic = `${idOf(route.category)}Event`.replace(/^./, (c) => c.toUpperCase());
        addMessage(generic, { summary: `An event of a \`${route.category}-*\` stream (its type in \`event-type\`).`, headers: ref('schemas', 'EventHeaders'), payload: { type: 'object' } });
        types.push(generic);
      }
      channel(route.topic, `${route.category} events`, `Every event of the \`${route.category}-*\` streams of ${definition.name}, relayed from its store in stream order, keyed by account id. ${(consumers.get(route.topic) ?? []).join(' ')}`.trim(), types);
      operations.set(`${definition.name}Relays${idOf(route.category)}`, { action: 'send', title: `The ${definition.name} relay publishes each stored event once`, channel: { $ref: `#/channels/${idOf(route.topic)}` } });
    }
    if ((definition.commands ?? []).length > 0) {
      const topic = commandTopicFor(definition.name);
      for (const command of definition.commands ?? []) addMessage(command.type, { summary: `The ${command.type} command.`, headers: { allOf: [ref('schemas', 'CommandHeaders'), { type: 'object', properties: { 'command-type': { const: command.type } } }] }, payload: payloadOf(command.dto, `${command.type}Data`) });
      channel(topic, `${definition.name} commands`, `Commands ${definition.name} decides, keyed by account id; an invalid one is dead-lettered with the reason.`, (definition.commands ?? []).map((c) => c.type));
      operations.set(`${definition.name}ReceivesCommands`, { action: 'receive', title: `${definition.name} decides each command once`, channel: { $ref: `#/channels/${idOf(topic)}` } });
    }
    if ((definition.rpc ?? []).length > 0) rpcChannel(definition.name, (definition.rpc ?? []).map((m) => ({ name: m.name, dto: m.dto })));
  }
  function rpcChannel(service: string, methods: readonly { name: string; dto?: new () => object }[]): void {
    const topic = rpcTopicFor(service);
    const names = methods.map((m) => `${service}.${m.name}`);
    methods.forEach((m, i) => addMessage(names[i] ?? m.name, { summary: `The \`${m.name}\` request of ${service}.`, headers: { allOf: [ref('schemas', 'RpcHeaders'), { type: 'object', properties: { 'rpc-method': { const: m.name } } }] }, payload: m.dto ? payloadOf(m.dto, `${service}${m.name.replace(/^./, (c) => c.toUpperCase())}Request`) : { type: 'object' } }));
    channel(topic, `${service} requests`, `Requests to ${service}; each is answered on the caller's reply topic (\`rpc-reply-to\`).`, names);
    operations.set(`${service}AnswersRequests`, { action: 'receive', title: `${service} answers each request`, channel: { $ref: `#/channels/${idOf(topic)}` } });
  }
  // A request topic of no service the platform hosts (none today), recorded without its methods.
  for (const topic of recorded.topics) {
    const service = /^billing\.(\w+)\.rpc\.v1$/.exec(topic)?.[1];
    if (service && !channels.has(idOf(topic))) rpcChannel(service, []);
  }
  addMessage('RpcReply', { summary: 'The answer to one request: its reply, or its error.', headers: header([RpcHeader.requestId]), payload: { type: 'object' } });
  channel(REPLY_TOPIC_TEMPLATE, 'RPC replies', 'Replies to one calling service (distributed mode: each process reads it in a group of its own and keeps the replies it waits for).', ['RpcReply']);
  operations.set('callerReceivesReplies', { action: 'receive', title: 'A caller reads its replies', channel: { $ref: `#/channels/${idOf(REPLY_TOPIC_TEMPLATE)}` } });

  addMessage('DeadLetter', { summary: 'A message a consumer could not parse, validate or recognise, as it arrived, with why.', headers: ref('schemas', 'DeadLetterHeaders'), payload: {} });
  for (const [, c] of [...channels]) {
    if (isDeadLetterTopic(c.address)) continue;
    const dlq = deadLetterTopicFor(c.address);
    channel(dlq, `${c.title}: dead letters`, `Messages of \`${c.address}\` a consumer parked, with the reason in headers.`, ['DeadLetter']);
    operations.set(`deadLetter${idOf(c.address).replace(/^./, (x) => x.toUpperCase())}`, { action: 'send', title: `A consumer of ${c.address} parks what it cannot take, then carries on`, channel: { $ref: `#/channels/${idOf(dlq)}` } });
  }

  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Credits billing topics',
      version: '1.0.0',
      description:
        'Generated by `npm run asyncapi` from the running platform: every topic it creates, reads or writes. Services append to their own event store first; a relay publishes each stream category to `billing.<category>.v<version>`, keyed by account id. Commands go to `billing.<service>.commands.v1`, requests to `billing.<service>.rpc.v1` and replies to `billing.rpc-replies.<caller>`. Delivery is at least once; consumers keep an inbox. A message that cannot be parsed or validated, or whose type the topic does not carry, goes to `<topic>.dlq`; a valid message of a type a consumer does not follow is skipped by design (`x-skipped-by-design` on its operation).',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'tools/kafka/broker.sh (one KRaft node on loopback).' } },
    channels: sorted(channels),
    operations: sorted(operations),
    components: {
      messages: sorted(messages),
      schemas: {
        EventHeaders: header(Object.values(EventHeader), [EventHeader.traceparent]),
        DeadLetterHeaders: header(Object.values(DeadLetterHeader)),
        CommandHeaders: header(Object.values(CommandHeader), [CommandHeader.traceparent]),
        RpcHeaders: header(Object.values(RpcHeader), [RpcHeader.correlationId, RpcHeader.traceparent]),
        ...sorted(schemas),
      },
    },
  };
}

const sorted = <T>(map: Map<string, T>): Record<string, T> => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
