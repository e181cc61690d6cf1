import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FinanceRpc, PurchaseRpc, WalletRpc } from '@billing/contracts';
import { createCheckpoint, eventStoreAuditSource, generateSigningKeyPair, signingKeyFromPem, verifyingKeyFromPem } from '@billing/finance-audit';
import { openSqliteEventStore } from '@billing/event-store';
import { loadPlatformConfig } from '@billing/platform-config';
import { type RpcClient, send } from '@billing/service-host';
import { PlatformRuntime } from './platform-runtime';

/** Buys a pack through the sandbox and waits until the wallet shows it. */
async function buyPack(rpc: RpcClient, accountId: string, packId: string, orderId: string): Promise<number> {
  await send(rpc, PurchaseRpc.placeOrder, { accountId, orderId, item: { kind: 'pack', packId } });
  await send(rpc, PurchaseRpc.confirmSandboxPayment, { orderId });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const pools = await send(rpc, WalletRpc.balances, { accountId });
    const balance = pools.find((p) => p.pool === 'api')?.balanceMillicredits ?? 0;
    if (balance > 0) return balance;
    if (Date.now() > deadline) throw new Error(`the purchase of ${packId} for ${accountId} did not reach the wallet`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the runtime runs finance beside the wallet, reading its running store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'finance-beside-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given the embedded platform and a purchase, then finance.statement over RPC closes at the wallet balance and describe() lists finance', async () => {
    const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' });
    const runtime = new PlatformRuntime({ config, services: ['pricing', 'wallet', 'purchase', 'tasks'], logSink: () => undefined });
    await runtime.start();
    try {
      expect(runtime.services.map((s) => s.name)).toEqual(['pricing', 'wallet', 'finance', 'purchase', 'tasks']);
      expect(runtime.describe()).toContain(
        `finance  store ${join(dir, 'finance.events.db')}, state ${join(dir, 'finance.state.db')}; reads the wallet's store; checkpoints in ${join(dir, 'checkpoints')} (no verifying key)`,
      );
      const rpc = runtime.rpc;
      const from = new Date(Date.now() - 60_000).toISOString();
      const balance = await buyPack(rpc, 'finance-acc', 'api-1000', 'order-finance-1');
      const statement = await send(rpc, FinanceRpc.statement, { accountId: 'finance-acc', pool: 'api', from, to: new Date(Date.now() + 60_000).toISOString() });
      expect(statement).toMatchObject({ accountId: 'finance-acc', pool: 'api', openingBalanceMillicredits: 0, closingBalanceMillicredits: balance, findingCount: 0 });
      expect(balance).toBe(1_000_000);
      expect(statement.entries).toEqual([expect.objectContaining({ type: 'CreditsPurchased', millicredits: 1_000_000, amountCents: 7200, currency: 'USD' })]);
      await expect(send(rpc, FinanceRpc.verify, {})).resolves.toMatchObject({ verified: true, checkpoints: 0, findingCount: 0 });
    } finally {
      await runtime.stop();
    }
  }, 60_000);

  it('given AUDIT_VERIFY_KEY and a signed checkpoint in DATA_DIR/checkpoints, then finance lists it as valid and verifies the history against it', async () => {
    const keys = generateSigningKeyPair();
    const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', AUDIT_VERIFY_KEY: keys.publicKeyPem });
    const runtime = new PlatformRuntime({ config, services: ['pricing', 'wallet', 'purchase', 'tasks'], logSink: () => undefined });
    await runtime.start();
    try {
      expect(runtime.describe().find((line) => line.startsWith('finance'))).toContain('(verifying key from AUDIT_VERIFY_KEY[_FILE])');
      const rpc = runtime.rpc;
      await buyPack(rpc, 'checkpointed', 'api-1000', 'order-checkpointed-1');
      // As an operator would: the CLI reads the wallet's file beside the running platform.
      const walletStore = openSqliteEventStore({ path: join(dir, 'wallet.events.db'), readOnly: true });
      const { checkpoint } = await createCheckpoint(eventStoreAuditSource(walletStore, { location: 'wallet' }), {
        period: 'day',
        now: Date.now() + 2 * 86_400_000,
        signingKey: signingKeyFromPem(keys.privateKeyPem),
        verifyingKey: verifyingKeyFromPem(keys.publicKeyPem),
      }).finally(() => walletStore.close());
      mkdirSync(join(dir, 'checkpoints'), { recursive: true });
      writeFileSync(join(dir, 'checkpoints', 'checkpoint-day-test.json'), JSON.stringify(checkpoint));
      await expect(send(rpc, FinanceRpc.checkpoints, {})).resolves.toEqual([expect.objectContaining({ name: 'checkpoint-day-test.json', signatureValid: true, streams: 2 })]); // the wallet's books and its list of periods
      await expect(send(rpc, FinanceRpc.verify, {})).resolves.toMatchObject({ verified: true, checkpoints: 1, findingCount: 0 });
    } finally {
      await runtime.stop();
    }
  }, 60_000);

  it('given only the pricing service in this process, then no finance beside it', async () => {
    const runtime = new PlatformRuntime({ config: loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' }), services: ['pricing'], logSink: () => undefined });
    await runtime.start();
    try {
      expect(runtime.services.map((s) => s.name)).toEqual(['pricing']);
      expect(() => runtime.service('finance')).toThrow('finance is not running in this process');
    } finally {
      await runtime.stop();
    }
  }, 30_000);
});
