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
  let peakRss = process.memoryUsage().rss;
  try {
    const replay = await replayWallets(source, {
      ...(request.asOf === undefined ? {} : { asOf: request.asOf }),
      onProgress: ({ done, total }) => {
        const rss = process.memoryUsage().rss;
        peakRss = Math.max(peakRss, rss);
        while (rssAt.length < 4 && done >= (total * (rssAt.length + 1)) / 4) rssAt.push(rss);
      },
    });
    return { eventsRead: replay.eventsRead, streams: replay.chain.streams().size, findings: replay.findings, wallets: walletFigures(replay.wallets), peakRss, rssAt };
  } finally {
    await source.close();
  }
}
