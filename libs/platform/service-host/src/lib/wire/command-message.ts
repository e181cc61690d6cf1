import type { Command, CommandMetadata } from '@billing/contracts';
import { describeFieldErrors, type IncomingMessage, type OutgoingMessage } from '@billing/messaging';
import { commandTopicFor } from '../topics';
import type { CommandRoute, CommandTarget, OutgoingCommand } from '../service';
import { validatePayload } from './validate-payload';

/** Headers of a command on the wire, beside its JSON `{type, data, metadata}` value. */
export const CommandHeader = {
  commandId: 'command-id',
  commandType: 'command-type',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  targetStream: 'target-stream',
  accountId: 'account-id',
  /** W3C trace context, also in `metadata.traceparent`: what the command was sent in. */
  traceparent: 'traceparent',
} as const;

/** A command for `service`'s command topic, keyed by account so one account's commands stay in order. */
export function toCommandMessage(service: string, outgoing: OutgoingCommand): OutgoingMessage {
  const { command, accountId, streamName } = outgoing;
  const { commandId, correlationId, causationId, traceparent } = command.metadata;
  return {
    topic: commandTopicFor(service),
    key: accountId,
    value: Buffer.from(JSON.stringify({ type: command.type, data: command.data, metadata: command.metadata })),
    headers: {
      [CommandHeader.commandId]: commandId,
      [CommandHeader.commandType]: command.type,
      [CommandHeader.correlationId]: correlationId ?? commandId,
      [CommandHeader.causationId]: causationId ?? commandId,
      [CommandHeader.targetStream]: streamName,
      [CommandHeader.accountId]: accountId,
      ...(traceparent ? { [CommandHeader.traceparent]: traceparent } : {}),
    },
  };
}

export type DecodedCommand =
  | { readonly kind: 'command'; readonly route: CommandRoute; readonly command: Command<string, unknown>; readonly target: CommandTarget }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * Parses and validates a command message. `data` is checked against the route's DTO
 * (unknown members refused); the handler receives the parsed JSON itself, which after
 * that check holds exactly the DTO's members, as plain data for a pure decider.
 */
export function decodeCommandMessage(message: IncomingMessage, routes: ReadonlyMap<string, CommandRoute>): DecodedCommand {
  const streamName = message.headers[CommandHeader.targetStream];
  const accountId = message.headers[CommandHeader.accountId];
  if (!streamName) return rejected(`missing header ${CommandHeader.targetStream}`);
  if (!accountId) return rejected(`missing header ${CommandHeader.accountId}`);
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return rejected(`unparseable command: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(json)) return rejected('unparseable command: not a JSON object');
  const { type, data, metadata } = json;
  if (typeof type !== 'string') return rejected('command type is missing');
  const route = routes.get(type);
  if (!route) return rejected(`unknown command type ${type}`);
  if (!isRecord(metadata) || typeof metadata['commandId'] !== 'string' || metadata['commandId'] === '') {
    return rejected('metadata.commandId must be a non-empty string');
  }
  const { commandId, now, correlationId, causationId, traceparent } = metadata;
  if (typeof now !== 'number' || !Number.isInteger(now)) return rejected('metadata.now must be an integer');
  if (correlationId !== undefined && typeof correlationId !== 'string') return rejected('metadata.correlationId must be a string');
  if (causationId !== undefined && typeof causationId !== 'string') return rejected('metadata.causationId must be a string');
  if (traceparent !== undefined && typeof traceparent !== 'string') return rejected('metadata.traceparent must be a string');
  const validated = validatePayload(route.dto, data);
  if (!validated.ok) return rejected(`invalid ${type}: ${describeFieldErrors(validated.errors)}`);
  const trace: CommandMetadata = { ...metadata, commandId: String(commandId), now };
  const command: Command<string, unknown> = { type, data: data as Readonly<unknown>, metadata: trace };
  return { kind: 'command', route, command, target: { accountId, streamName } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const rejected = (reason: string): DecodedCommand => ({ kind: 'rejected', reason });
