import { CatchUpSubscription, type CatchUpSource, type ScannedPage } from './catch-up-subscription';
import type { RecordedEvent } from './port';

const at = (position: number): RecordedEvent =>
  ({ position, streamName: 's', revision: position, eventId: `e${position}`, type: 'Rare', schemaVersion: 1, data: {}, metadata: {}, recordedAt: 0, hash: '', previousHash: '' }) as RecordedEvent;

/** A source over a scripted log: each wake-up reveals the next page. */
function scriptedSource(pages: readonly (ScannedPage | readonly RecordedEvent[])[]): { source: CatchUpSource; asked: number[]; wake: () => void } {
  const asked: number[] = [];
  let next = 0;
  let wake: () => void = () => undefined;
  return {
    asked,
    wake: () => wake(),
    source: {
      readPage: (afterPosition) => {
        asked.push(afterPosition);
        return pages[Math.min(next++, pages.length - 1)] ?? [];
      },
      nextChange: () => new Promise<void>((resolve) => (wake = resolve)),
    },
  };
}

describe('CatchUpSubscription', () => {
  it('given a filtered source that scanned past its last match, then the next read starts after the scan', async () => {
    const { source, asked, wake } = scriptedSource([{ events: [at(3)], scannedTo: 9_000 }, { events: [at(9_500)], scannedTo: 9_800 }, { events: [], scannedTo: 9_800 }]);
    const subscription = new CatchUpSubscription(source, 0, 10);
    const seen: number[] = [];
    const following = (async () => {
      for await (const event of subscription) if (seen.push(event.position) === 2) return;
    })();
    await new Promise((resolve) => setImmediate(resolve));
    wake();
    await following;
    await subscription.stop();
    expect(seen).toEqual([3, 9_500]);
    expect(asked).toEqual([0, 9_000]);
  });

  it('given a full page, then the next read starts after its last event, whatever was scanned', async () => {
    const full = Array.from({ length: 3 }, (_, i) => at(i + 1));
    const { source, asked } = scriptedSource([{ events: full, scannedTo: 50 }, { events: [at(4)], scannedTo: 60 }]);
    const subscription = new CatchUpSubscription(source, 0, 3);
    const seen: number[] = [];
    for await (const event of subscription) if (seen.push(event.position) === 4) break;
    await subscription.stop();
    expect(asked).toEqual([0, 3]);
  });
});
