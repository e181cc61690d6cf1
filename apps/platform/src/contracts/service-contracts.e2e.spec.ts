import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedded } from '../testing';
import { askEveryContract, CONTRACT_ENVIRONMENT, eventsAgainstSchemas, expectedAnswers } from './service-contracts';

describe('the service contracts, embedded: every method answered in process through the NestJS client', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'contracts-embedded-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a funded account, then every method of every contract answers as its contract says and every published event passes its schema', async () => {
    const platform = await startEmbedded(dir, { ...CONTRACT_ENVIRONMENT });
    try {
      const run = `embedded-${Date.now()}`;
      const answers = await askEveryContract(platform.rpc, platform.commands, { accountId: `acct-${run}`, run, now: Date.now(), packId: '' });
      expect(answers).toEqual(expectedAnswers());
      const events = await eventsAgainstSchemas({ wallet: platform.service('wallet').store, purchase: platform.service('purchase').store });
      expect(events.failures).toEqual([]);
      expect(events.checked).toBeGreaterThanOrEqual(8);
    } finally {
      await platform.stop();
    }
  });
});
