import { openSqliteAuditSource } from './sqlite-audit-source';
import { walletFigures } from './replay-audit';
import { replayWallets } from './wallet-replay';
import type { PartitionRequest, PartitionResult } from './partitioned-replay';

/** One partition of a partitioned replay, in its own process: reads its streams, sends back figures and findings. */
process.once('message', (message: PartitionRequest) => {
  void run(message).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});

async function run(request: PartitionRequest): Promise<PartitionResult> {
  const source = openSqliteAuditSource(request.file, { partition: { count: request.count, index: request.index } });
  const rssAt: number[] = [];
  const heapAt: number[] = [];
  let peakRss = process.memoryUsage().rss;
  // With --expose-gc, what the pass retains at each quarter (RSS alone also counts garbage not yet collected).
  const collect = (globalThis as { gc?: () => void }).gc;
  try {
    const replay = await replayWallets(source, {
      ...(request.asOf === undefined ? {} : { asOf: request.asOf }),
      onProgress: ({ done, total }) => {
        const rss = process.memoryUsage().rss;
        peakRss = Math.max(peakRss, rss);
        while (rssAt.length < 4 && done >= (total * (rssAt.length + 1)) / 4) {
          rssAt.push(rss);
          if (request.measureHeap && collect) {
            collect();
            heapAt.push(process.memoryUsage().heapUsed);
          }
        }
      },
    });
    return { eventsRead: replay.eventsRead, streams: replay.chain.streams().size, findings: replay.findings, wallets: walletFigures(replay.wallets), peakRss, rssAt, heapAt };
  } finally {
    await source.close();
  }
}
