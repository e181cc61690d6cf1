import { createLogger } from '@billing/service-host';
import { startOrganisationMigration } from './organisation-migration';

/** A gateway whose wallet does not answer the first `failures` times. */
const gatewayFailing = (failures: number, founded: number) => {
  let attempts = 0;
  return {
    get attempts() {
      return attempts;
    },
    migrateAccountsToOrganisations: async (): Promise<number> => {
      attempts++;
      if (attempts <= failures) throw new Error('the wallet did not answer');
      return founded;
    },
  };
};

describe('the migration to organisations at the gateway’s start', () => {
  const logs: string[] = [];
  const logger = createLogger('gateway', { sink: (line) => logs.push(line) });
  beforeEach(() => (logs.length = 0));

  it('given the wallet answers at once, then the first attempt migrates and says how many were founded', async () => {
    const gateway = gatewayFailing(0, 3);
    const migration = startOrganisationMigration(gateway, logger);
    expect(await migration.firstAttempt).toBe(true);
    await migration.done;
    expect(gateway.attempts).toBe(1);
    expect(logs.map((line) => JSON.parse(line) as { message: string; founded?: number })).toEqual([expect.objectContaining({ message: 'accounts became organisations', founded: 3 })]);
  });

  it('given a wallet that does not answer twice, then the first attempt says so and the migration tries again until it is done', async () => {
    const gateway = gatewayFailing(2, 0);
    const migration = startOrganisationMigration(gateway, logger, { retryMillis: 5 });
    expect(await migration.firstAttempt).toBe(false);
    await migration.done;
    expect(gateway.attempts).toBe(3);
    expect(logs.filter((line) => line.includes('trying again'))).toHaveLength(2);
  });

  it('given a wallet that never answers, when stopped, then it tries no more and is done at once', async () => {
    const gateway = gatewayFailing(Number.MAX_SAFE_INTEGER, 0);
    const migration = startOrganisationMigration(gateway, logger, { retryMillis: 60_000 });
    expect(await migration.firstAttempt).toBe(false);
    migration.stop();
    await migration.done;
    expect(gateway.attempts).toBe(1);
  });
});
