import { hash, sign, verify, type KeyObject } from 'node:crypto';
import type { AuditSource } from './audit-source';
import { ChainVerifier } from './chain-verifier';
import type { AuditFinding } from './finding';
import { keyFingerprint } from './signing-keys';
import type { StoredEvent } from './stored-event';
import { nextTurn, type ReplayProgress } from './wallet-replay';

export type CheckpointPeriod = 'day' | 'month';
export const CHECKPOINT_FORMAT = 'billing-audit-checkpoint/1';

/** A stream's last event recorded by the period's end. */
export interface CheckpointHead {
  readonly streamName: string;
  readonly revision: number;
  readonly hash: string;
}

/** What is signed, in this field order. */
export interface CheckpointPayload {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly period: CheckpointPeriod;
  readonly periodStart: string;
  /** The period's last millisecond: every event recorded by then is covered. */
  readonly periodEnd: string;
  readonly createdAt: string;
  readonly keyFingerprint: string;
  /** SHA-256 over the heads' canonical JSON. */
  readonly digest: string;
  readonly heads: readonly CheckpointHead[];
}

export interface SignedCheckpoint extends CheckpointPayload {
  /** Ed25519 over the payload's canonical JSON, base64. */
  readonly signature: string;
}

/** The last complete period before `now` (UTC): [start, end], end being its last millisecond. */
export function lastCompletePeriod(period: CheckpointPeriod, now: number): { start: number; end: number } {
  const date = new Date(now);
  if (period === 'day') {
    const today = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    return { start: today - 86_400_000, end: today - 1 };
  }
  const thisMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return { start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1), end: thisMonth - 1 };
}

export interface CheckpointOptions {
  readonly period: CheckpointPeriod;
  readonly now: number;
  readonly signingKey: KeyObject;
  readonly verifyingKey: KeyObject;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

/**
 * `audit checkpoint`: the head hash of every stream at the end of the last complete period,
 * signed, so a later audit can prove that nothing recorded by then has changed. The chains
 * are verified on the way: a checkpoint of a history that is already broken says so.
 */
export async function createCheckpoint(source: AuditSource, options: CheckpointOptions): Promise<{ checkpoint: SignedCheckpoint; findings: AuditFinding[] }> {
  const { start, end } = lastCompletePeriod(options.period, options.now);
  const findings: AuditFinding[] = [];
  const chain = new ChainVerifier((finding) => findings.push(finding));
  const heads = new Map<string, CheckpointHead>();
  await eachStoredEvent(source, options.onProgress, (event) => {
    chain.verify(event);
    if (event.recordedAt <= end) heads.set(event.streamName, { streamName: event.streamName, revision: event.revision, hash: event.hash });
  });
  const sortedHeads = [...heads.values()].sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0));
  const payload: CheckpointPayload = {
    format: CHECKPOINT_FORMAT,
    period: options.period,
    periodStart: new Date(start).toISOString(),
    periodEnd: new Date(end).toISOString(),
    createdAt: new Date(options.now).toISOString(),
    keyFingerprint: keyFingerprint(options.verifyingKey),
    digest: headsDigest(sortedHeads),
    heads: sortedHeads,
  };
  const signature = sign(null, Buffer.from(canonicalPayload(payload)), options.signingKey).toString('base64');
  return { checkpoint: { ...payload, signature }, findings };
}

/**
 * `audit verify`: the history against signed checkpoints. Each checkpoint's signature must
 * hold under the trusted key; then, in one pass, every chain is verified and every stream
 * must still have, at each checkpointed revision, the checkpointed hash, and nothing else
 * recorded by the checkpoint's end (a stream rewritten, cut, or grown before it is reported).
 */
export async function verifyCheckpoints(
  source: AuditSource,
  checkpoints: readonly { readonly name: string; readonly checkpoint: SignedCheckpoint }[],
  verifyingKey: KeyObject,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const sound: { name: string; end: number; heads: Map<string, CheckpointHead>; seen: Set<string> }[] = [];
  for (const { name, checkpoint } of checkpoints) {
    const problem = checkpointProblem(checkpoint, verifyingKey);
    if (problem !== undefined) {
      findings.push({ kind: 'checkpoint', streamName: '', revision: null, position: null, rule: 'checkpoint_signature', message: `${name}: ${problem}` });
      continue;
    }
    sound.push({ name, end: Date.parse(checkpoint.periodEnd), heads: new Map(checkpoint.heads.map((head) => [head.streamName, head])), seen: new Set() });
  }
  const chain = new ChainVerifier((finding) => findings.push(finding));
  await eachStoredEvent(source, onProgress, (event) => {
    chain.verify(event);
    for (const checkpoint of sound) {
      const head = checkpoint.heads.get(event.streamName);
      const at = { kind: 'checkpoint' as const, streamName: event.streamName, revision: event.revision, position: event.position };
      if (head === undefined) {
        if (event.recordedAt <= checkpoint.end) findings.push({ ...at, rule: 'stream_not_in_checkpoint', message: `${checkpoint.name}: recorded by ${new Date(checkpoint.end).toISOString()} but not in the checkpoint` });
        continue;
      }
      if (event.revision === head.revision) {
        checkpoint.seen.add(event.streamName);
        if (event.hash !== head.hash) findings.push({ ...at, rule: 'rewritten_before_checkpoint', message: `${checkpoint.name}: hash ${event.hash.slice(0, 16)}..., checkpointed ${head.hash.slice(0, 16)}...` });
      } else if (event.revision > head.revision && event.recordedAt <= checkpoint.end) {
        findings.push({ ...at, rule: 'grew_before_checkpoint', message: `${checkpoint.name}: revision ${event.revision} recorded by the period's end, past the checkpointed head ${head.revision}` });
      }
    }
  });
  for (const checkpoint of sound) {
    for (const [streamName, head] of checkpoint.heads) {
      if (!checkpoint.seen.has(streamName)) {
        findings.push({ kind: 'checkpoint', streamName, revision: head.revision, position: null, rule: 'checkpointed_event_missing', message: `${checkpoint.name}: the checkpointed revision is no longer stored` });
      }
    }
  }
  return findings;
}

/** Undefined when the checkpoint is well formed and signed by `verifyingKey`. */
export function checkpointProblem(checkpoint: SignedCheckpoint, verifyingKey: KeyObject): string | undefined {
  if (checkpoint.format !== CHECKPOINT_FORMAT) return `unknown format ${String(checkpoint.format)}`;
  if (!Array.isArray(checkpoint.heads) || typeof checkpoint.signature !== 'string') return 'not a checkpoint';
  if (headsDigest(checkpoint.heads) !== checkpoint.digest) return 'the heads do not match their digest';
  const payload: CheckpointPayload = {
    format: checkpoint.format,
    period: checkpoint.period,
    periodStart: checkpoint.periodStart,
    periodEnd: checkpoint.periodEnd,
    createdAt: checkpoint.createdAt,
    keyFingerprint: checkpoint.keyFingerprint,
    digest: checkpoint.digest,
    heads: checkpoint.heads,
  };
  const valid = verify(null, Buffer.from(canonicalPayload(payload)), verifyingKey, Buffer.from(checkpoint.signature, 'base64'));
  return valid ? undefined : 'the signature does not verify with the trusted key';
}

function canonicalPayload(payload: CheckpointPayload): string {
  return JSON.stringify([
    payload.format,
    payload.period,
    payload.periodStart,
    payload.periodEnd,
    payload.createdAt,
    payload.keyFingerprint,
    payload.digest,
  ]);
}

function headsDigest(heads: readonly CheckpointHead[]): string {
  return hash('sha256', JSON.stringify(heads.map((head) => [head.streamName, head.revision, head.hash])), 'hex');
}

async function eachStoredEvent(
  source: AuditSource,
  onProgress: ((progress: ReplayProgress) => void) | undefined,
  visit: (event: StoredEvent) => void,
): Promise<void> {
  const head = await source.headPosition();
  for await (const page of source.pages({ streamPrefix: '' }, head)) {
    for (const event of page) visit(event);
    const last = page[page.length - 1];
    if (last !== undefined) onProgress?.({ done: last.position, total: head });
    await nextTurn();
  }
  onProgress?.({ done: head, total: head });
}
