import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AuditFinding } from './finding';
import type { WalletFigures } from './replay-audit';

export interface PartitionRequest {
  readonly file: string;
  readonly count: number;
  readonly index: number;
  readonly asOf?: number;
  /** Collect garbage at each quarter and record the heap retained (slower; for benchmarks). */
  readonly measureHeap?: boolean;
}

export interface PartitionResult {
  readonly eventsRead: number;
  readonly streams: number;
  readonly findings: AuditFinding[];
  readonly wallets: WalletFigures[];
  readonly peakRss: number;
  /** RSS at 25, 50, 75 and 100% of the partition's pass. */
  readonly rssAt: number[];
  /** Heap in use after a full collection at each quarter, when asked for. */
  readonly heapAt: number[];
}

export interface PartitionedReplay {
  readonly eventsRead: number;
  readonly streams: number;
  readonly findings: AuditFinding[];
  readonly wallets: WalletFigures[];
  readonly partitions: readonly PartitionResult[];
}

/**
 * The same replay as `replayWallets` over the embedded store's file, split by stream into
 * `count` processes that run side by side (a stream's events all land in one partition, in
 * order, so every chain and every wallet is checked exactly as in one pass). Without read
 * models: this is the path for chain and invariant audits of large stores.
 */
export async function replayInPartitions(
  file: string,
  count: number,
  options: { readonly asOf?: number; readonly measureHeap?: boolean } = {},
): Promise<PartitionedReplay> {
  const children: ChildProcess[] = [];
  try {
    const results = await Promise.all(
      Array.from({ length: count }, (_, index) => {
        const child = fork(join(__dirname, 'partition-replay.child.ts'), [], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        children.push(child);
        return new Promise<PartitionResult>((resolve, reject) => {
          child.once('message', (message: PartitionResult | { error: string }) => ('error' in message ? reject(new Error(message.error)) : resolve(message)));
          child.once('exit', (code) => reject(new Error(`partition ${index} exited with ${code ?? 'a signal'} before answering`)));
          child.send({ file, count, index, ...options } satisfies PartitionRequest);
        });
      }),
    );
    const wallets = results.flatMap((r) => r.wallets).sort((a, b) => a.accountId.localeCompare(b.accountId) || a.pool.localeCompare(b.pool));
    const findings = results.flatMap((r) => r.findings).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    return {
      eventsRead: results.reduce((sum, r) => sum + r.eventsRead, 0),
      streams: results.reduce((sum, r) => sum + r.streams, 0),
      findings,
      wallets,
      partitions: results,
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
