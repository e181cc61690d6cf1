import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@billing/event-store';
import { kafkaBrokers, startDistributed } from '../testing';
import { askEveryContract, CONTRACT_ENVIRONMENT, eventsAgainstSchemas, expectedAnswers } from './service-contracts';

describe('the service contracts over Kafka: every method answered across processes through the NestJS client', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'contracts-kafka-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a funded account, then every method of every contract answers as its contract says, replies cross the wire, and every published event passes its schema', async () => {
    const platform = await startDistributed(dir, kafkaBrokers(), { ...CONTRACT_ENVIRONMENT });
    let answers;
    try {
      const run = `kafka-${Date.now()}`;
      answers = await askEveryContract(platform.rpc, platform.commands, { accountId: `acct-${run}`, run, now: Date.now(), packId: '' });
    } finally {
      await platform.stop();
    }
    expect(answers).toEqual(expectedAnswers());
    const wallet = openSqliteEventStore({ path: join(dir, 'wallet', 'wallet.events.db'), readOnly: true });
    const purchase = openSqliteEventStore({ path: join(dir, 'purchase', 'purchase.events.db'), readOnly: true });
    try {
      const events = await eventsAgainstSchemas({ wallet, purchase });
      expect(events.failures).toEqual([]);
      expect(events.checked).toBeGreaterThanOrEqual(8);
    } finally {
      await wallet.close();
      await purchase.close();
    }
  }, 180_000);
});
