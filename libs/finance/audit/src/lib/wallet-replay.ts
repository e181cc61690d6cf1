import { parseWalletStreamName, WALLET_CATEGORY, walletStreamName, type WalletEvent } from '@billing/contracts';
import type { AuditSource } from './audit-source';
import { AuditedWallet } from './audited-wallet';
import { ChainVerifier } from './chain-verifier';
import type { AuditFinding } from './finding';
import { PeriodBooks } from './period-books';
import type { StoredEvent } from './stored-event';
import { parseWalletEvent } from './wallet-event-shape';

/** Between pages: lets timers and I/O run, so an audit in a service's process never starves it. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Which wallets, and up to which instant. */
export interface WalletSelection {
  /** Fold only events recorded at or before this instant (every event is still chain-verified). */
  readonly asOf?: number;
  readonly accountId?: string;
  readonly pool?: string;
}

/** Hooks into one pass over history; all optional. */
export interface ReplayVisitor {
  /** Before anything is done with the event (every selected event, whatever its time). */
  beforeEvent?(event: StoredEvent): void;
  /** After a wallet event was folded into its wallet. */
  afterEvent?(wallet: AuditedWallet, event: WalletEvent, stored: StoredEvent): void;
}

export interface ReplayProgress {
  readonly done: number;
  readonly total: number;
}

export interface WalletReplayOptions extends WalletSelection {
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly visitor?: ReplayVisitor;
  /** Where the wallets go, by wallet name `wallet-<accountId>-<pool>` (pass one to let a visitor see them all during the pass). */
  readonly wallets?: Map<string, AuditedWallet>;
}

export interface WalletReplay {
  /** By wallet name (`wallet-<accountId>-<pool>`): one wallet across all its period streams. */
  readonly wallets: ReadonlyMap<string, AuditedWallet>;
  readonly chain: ChainVerifier;
  readonly findings: AuditFinding[];
  /** The head of the log when the pass began: the pass read up to it. */
  readonly headPosition: number;
  readonly eventsRead: number;
  readonly eventsFolded: number;
}

/**
 * One pass over the wallet streams in global order, a page at a time: verifies every
 * stream's hash chain, folds each wallet event recorded by `asOf` into its wallet (one
 * wallet across its period streams), checks invariants 1 to 4 at every event and that
 * each period opens with what the previous one closed with. Keeps per-wallet state only,
 * never the events.
 */
export async function replayWallets(source: AuditSource, options: WalletReplayOptions = {}): Promise<WalletReplay> {
  const findings: AuditFinding[] = [];
  const chain = new ChainVerifier((finding) => findings.push(finding));
  const wallets = options.wallets ?? new Map<string, AuditedWallet>();
  const headPosition = await source.headPosition();
  const { asOf, pool, visitor, onProgress } = options;
  let eventsRead = 0;
  let eventsFolded = 0;
  const books = new Map<AuditedWallet, PeriodBooks>();
  const byStream = new Map<string, AuditedWallet | undefined>();
  const prefix = options.accountId === undefined ? `${WALLET_CATEGORY}-` : `${WALLET_CATEGORY}-${options.accountId}-`;
  for await (const page of source.pages({ streamPrefix: prefix }, headPosition)) {
    for (const stored of page) {
      let wallet = byStream.get(stored.streamName);
      if (wallet === undefined && !byStream.has(stored.streamName)) byStream.set(stored.streamName, (wallet = walletFor(stored.streamName, wallets, options)));
      if (wallet === undefined && !(pool === undefined && options.accountId === undefined)) continue;
      eventsRead++;
      visitor?.beforeEvent?.(stored);
      chain.verify(stored);
      if (wallet === undefined) {
        findings.push({ kind: 'event', streamName: stored.streamName, revision: stored.revision, position: stored.position, rule: 'wallet_stream_name', message: 'not a wallet-<account>-<pool> stream' });
        continue;
      }
      if (asOf !== undefined && stored.recordedAt > asOf) continue;
      const event = parseWalletEvent(stored.type, stored.dataJson);
      if (typeof event === 'string') {
        findings.push({ kind: 'event', streamName: stored.streamName, revision: stored.revision, position: stored.position, rule: 'event_shape', message: event });
        continue;
      }
      eventsFolded++;
      let periods = books.get(wallet);
      if (periods === undefined) books.set(wallet, (periods = new PeriodBooks()));
      for (const { rule, message } of periods.check(stored.streamName, stored.revision, event)) {
        findings.push({ kind: 'event', streamName: stored.streamName, revision: stored.revision, position: stored.position, rule, message });
      }
      if (event.type === 'BalanceCarriedForward') {
        // Moves nothing: the balances go on from the events, and the opening was checked against them.
        wallet.opened(stored.streamName, stored.revision, stored.position, stored.recordedAt);
        continue;
      }
      for (const violation of wallet.apply(event, stored.revision, stored.position, stored.recordedAt, stored.streamName)) {
        findings.push({
          kind: 'invariant',
          streamName: stored.streamName,
          revision: violation.revision ?? stored.revision,
          position: stored.position,
          rule: `${violation.invariant}:${violation.rule}`,
          message: violation.message,
        });
      }
      visitor?.afterEvent?.(wallet, event, stored);
    }
    const last = page[page.length - 1];
    if (last !== undefined) onProgress?.({ done: last.position, total: headPosition });
    await nextTurn();
  }
  onProgress?.({ done: headPosition, total: headPosition });
  return { wallets, chain, findings, headPosition, eventsRead, eventsFolded };
}

/** Invariant 3 at the end: holds still open past their TTL (plus a grace for the sweeper) by `instant`. */
export function lapsedHoldFindings(wallets: ReadonlyMap<string, AuditedWallet>, instant: number, graceMillis: number): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const [streamName, wallet] of wallets) {
    for (const hold of wallet.holdsOpenPast(instant - graceMillis)) {
      findings.push({
        kind: 'invariant',
        streamName,
        revision: hold.revision,
        position: null,
        rule: '3:hold_ends_by_its_ttl',
        message: `${hold.reservationId} is still held at ${new Date(instant).toISOString()}, past its TTL ${new Date(hold.expiresAt).toISOString()}`,
      });
    }
  }
  return findings;
}

function walletFor(streamName: string, wallets: Map<string, AuditedWallet>, selection: WalletSelection): AuditedWallet | undefined {
  const key = parseWalletStreamName(streamName);
  if (key === undefined) return undefined;
  if (selection.accountId !== undefined && key.accountId !== selection.accountId) return undefined;
  if (selection.pool !== undefined && key.pool !== selection.pool) return undefined;
  const name = walletStreamName(key.accountId, key.pool);
  const known = wallets.get(name);
  if (known !== undefined) return known;
  const wallet = new AuditedWallet(key.accountId, key.pool);
  wallets.set(name, wallet);
  return wallet;
}
