import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReserveCreditsCall, WalletRpc } from '@billing/contracts';
import { startWalletHost, type WalletHost } from '../testing/wallet-host';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

const call = (reservationId: string, millicredits: number, commandId = `reserve-${reservationId}`): ReserveCreditsCall => ({
  accountId: 'acct-1',
  pool: 'api',
  reservationId,
  millicredits,
  ttlMillis: 10 * MINUTE,
  taskId: `task-${reservationId}`,
  commandId,
  now: T0,
});

describe('the wallet reserveCredits method: a hold decided on the caller request path', () => {
  let dir: string;
  let wallet: WalletHost;
  const reserve = (request: ReserveCreditsCall) => wallet.rpc(WalletRpc.reserveCredits, request);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wallet-reservations-'));
    wallet = await startWalletHost(dir);
    wallet.clock.set(T0);
    await wallet.send([
      {
        accountId: 'acct-1',
        pool: 'api',
        command: {
          type: 'PurchaseCredits',
          data: { purchaseId: 'p1', millicredits: 10_000, amountCents: 100, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
          metadata: { commandId: 'purchase-p1', now: T0 },
        },
      },
    ]);
  });

  afterEach(async () => {
    await wallet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the wallet wrote of holds, whichever stream of its books it went to. */
  const reservationEvents = async () => {
    const events: { type: string; data: unknown }[] = [];
    for await (const { type, data } of wallet.store.readAll({ filter: { eventTypes: ['CreditsReserved', 'ReservationRejected'] } })) events.push({ type, data });
    return events;
  };

  it('given credits, when a hold that fits is asked for, then it is answered reserved and written like the command', async () => {
    expect(await reserve(call('r1', 4_000))).toEqual({ outcome: 'reserved', reservationId: 'r1', millicredits: 4_000, expiresAt: T0 + 10 * MINUTE });
    expect(await reservationEvents()).toMatchObject([{ type: 'CreditsReserved', data: { reservationId: 'r1', millicredits: 4_000, taskId: 'task-r1' } }]);
  });

  it('given a hold that does not fit, then it is answered rejected with what is available and what was required', async () => {
    await reserve(call('r1', 4_000));
    expect(await reserve(call('r2', 7_000))).toEqual({ outcome: 'rejected', reservationId: 'r2', requestedMillicredits: 7_000, availableMillicredits: 6_000 });
    expect((await reservationEvents()).map((event) => event.type)).toEqual(['CreditsReserved', 'ReservationRejected']);
  });

  it('given the same hold asked again (another command id, a redelivery), then the first decision is answered and nothing is written twice', async () => {
    const first = await reserve(call('r1', 4_000));
    const refused = await reserve(call('r2', 70_000));
    expect(await reserve(call('r1', 4_000, 'again-r1'))).toEqual(first);
    expect(await reserve(call('r2', 70_000, 'again-r2'))).toEqual(refused);
    expect((await reservationEvents()).map((event) => event.type)).toEqual(['CreditsReserved', 'ReservationRejected']);
  });

  it('given a reservation id taken with another amount, then the request is refused as a conflict', async () => {
    await reserve(call('r1', 4_000));
    await expect(reserve(call('r1', 5_000))).rejects.toMatchObject({ problem: { type: 'conflict', status: 409, code: 'id_reused' } });
  });

  it('given holds asked for at once by request and by command, then they are decided in one queue and never hold more than the balance', async () => {
    const asked = Array.from({ length: 40 }, (_, index) => index);
    const answers = await Promise.all(
      asked.map((index) =>
        index % 2 === 0
          ? reserve(call(`r${index}`, 1_000))
          : wallet.send([{ accountId: 'acct-1', pool: 'api', command: { type: 'ReserveCredits', data: { reservationId: `r${index}`, millicredits: 1_000, ttlMillis: MINUTE }, metadata: { commandId: `c${index}`, now: T0 } } }]),
      ),
    );
    const reserved = (await reservationEvents()).filter((event) => event.type === 'CreditsReserved');
    expect(reserved).toHaveLength(10);
    expect(answers.filter((answer) => answer?.outcome === 'reserved').length).toBeLessThanOrEqual(10);
  });
});
