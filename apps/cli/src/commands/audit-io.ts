import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { createEventStoreDbStore } from '@billing/event-store';
import { eventStoreAuditSource, openSqliteAuditSource, type AuditSource, type ReplayProgress } from '@billing/finance-audit';
import { gatewayEventsPath } from '@billing/gateway-application';
import { UsageError, type CliContext } from '../command';

/** Options every audit subcommand understands: where history is, where reports go. */
export const SOURCE_OPTIONS = {
  'data-dir': { type: 'string' },
  events: { type: 'string' },
  state: { type: 'string' },
  eventstoredb: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
} as const;

export interface SourceFlags {
  readonly 'data-dir'?: string | undefined;
  readonly events?: string | undefined;
  readonly state?: string | undefined;
  readonly eventstoredb?: string | undefined;
}

/** The wallet's files in the embedded platform's data directory (the names the wallet host uses). */
const WALLET_EVENTS_FILE = 'wallet.events.db';
const WALLET_STATE_FILE = 'wallet.state.db';

const dataDir = (flags: SourceFlags, context: CliContext): string => flags['data-dir'] ?? context.env['DATA_DIR'] ?? 'data';

/** The history, opened read-only: an EventStoreDB URL, or the embedded wallet store file. */
export function openAuditSource(flags: SourceFlags, context: CliContext): AuditSource {
  const url = flags.eventstoredb;
  if (url !== undefined) {
    const client = EventStoreDBClient.connectionString(url);
    return eventStoreAuditSource(createEventStoreDbStore({ client }), { location: url, ownsStore: true });
  }
  const file = flags.events ?? join(dataDir(flags, context), WALLET_EVENTS_FILE);
  if (!existsSync(file)) throw new UsageError(`no event store at ${file} (set --events, --data-dir or DATA_DIR, or --eventstoredb)`);
  return openSqliteAuditSource(file);
}

/** The gateway's organisation streams in the data directory, read-only, when they are there (not beside --events or --eventstoredb). */
export function openOrganisationsSource(flags: SourceFlags, context: CliContext): AuditSource | undefined {
  if (flags.events !== undefined || flags.eventstoredb !== undefined) return undefined;
  const file = gatewayEventsPath(dataDir(flags, context));
  return existsSync(file) ? openSqliteAuditSource(file) : undefined;
}

/** The wallet's read models, read-only, when they are there (not with EventStoreDB unless --state says where). */
export function openReadModels(flags: SourceFlags, context: CliContext): Database.Database | undefined {
  const file = flags.state ?? (flags.eventstoredb === undefined ? join(dataDir(flags, context), WALLET_STATE_FILE) : undefined);
  if (file === undefined || !existsSync(file)) return undefined;
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** An instant: ISO 8601 (`2026-03-01T00:00:00Z`, or a date meaning its first millisecond UTC) or epoch milliseconds. */
export function parseInstant(text: string | undefined, name: string): number {
  if (text === undefined) throw new UsageError(`${name} is required`);
  if (/^\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new UsageError(`${name} must be an ISO 8601 instant or epoch milliseconds, got ${JSON.stringify(text)}`);
  return parsed;
}

export type ReportFormat = 'json' | 'csv' | 'both';

export function parseFormat(text: string | undefined): ReportFormat {
  if (text === undefined) return 'both';
  if (text === 'json' || text === 'csv' || text === 'both') return text;
  throw new UsageError(`--format must be json, csv or both, got ${JSON.stringify(text)}`);
}

/** Where an audit key may come from, first set wins: a flag naming a file, a variable holding the PEM, a variable naming a file. */
export interface KeySource {
  readonly flag: string;
  readonly file: string | undefined;
  readonly textVariable: string;
  readonly fileVariable: string;
  /** What the key must be, for the messages. */
  readonly expects: string;
}

export const SIGNING_KEY = 'the Ed25519 private key (PEM) that `audit keygen` writes as audit-signing-key.pem';
export const VERIFYING_KEY = 'the Ed25519 public key (PEM) that `audit keygen` writes as audit-verifying-key.pem';

/**
 * The key from the first place set, parsed; undefined when none is. A place that is set
 * but empty, unreadable or holding no such key is a UsageError naming it and what it expects.
 */
export function readKey<T>(context: CliContext, source: KeySource, parse: (pem: string) => T): T | undefined {
  const pem = pemOf(context, source);
  if (pem === undefined) return undefined;
  try {
    return parse(pem.text);
  } catch (error) {
    throw new UsageError(`${pem.from} must hold ${source.expects}, and does not (${messageOf(error)})`);
  }
}

function pemOf(context: CliContext, source: KeySource): { readonly text: string; readonly from: string } | undefined {
  if (source.file !== undefined) return { text: readKeyFile(source.file, source.flag, source.expects), from: `${source.flag} ${JSON.stringify(source.file)}` };
  const text = context.env[source.textVariable];
  if (text !== undefined && text.trim() !== '') return { text, from: source.textVariable };
  const path = context.env[source.fileVariable];
  if (path === undefined || path === '') return undefined;
  return { text: readKeyFile(path, source.fileVariable, source.expects), from: `${source.fileVariable} ${JSON.stringify(path)}` };
}

function readKeyFile(file: string, name: string, expects: string): string {
  if (file.trim() === '') throw new UsageError(`${name} needs the file of ${expects}, got an empty value`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : messageOf(error);
    throw new UsageError(`${name} needs the file of ${expects}; cannot read ${JSON.stringify(file)} (${code})`);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Progress on stderr: a bar redrawn in place on a terminal, a plain line every few
 * seconds otherwise (logs stay readable).
 */
export function progressOnStderr(context: CliContext, label: string, isTerminal: boolean): (progress: ReplayProgress) => void {
  let lastLine = context.now();
  let lastPercent = -1;
  return ({ done, total }) => {
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (isTerminal) {
      if (percent === lastPercent) return;
      lastPercent = percent;
      const filled = Math.round(percent / 4);
      context.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${percent}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${done >= total ? '\n' : ''}`);
      return;
    }
    const now = context.now();
    if (now - lastLine >= 5_000 || (done >= total && lastPercent !== 100)) {
      lastLine = now;
      lastPercent = percent;
      context.stderr(`${label}: ${percent}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} positions)\n`);
    }
  };
}

/** Report names carry the instant they were made at, without characters file systems dislike. */
export const stampOf = (instant: number): string => new Date(instant).toISOString().replace(/[:.]/g, '-');
