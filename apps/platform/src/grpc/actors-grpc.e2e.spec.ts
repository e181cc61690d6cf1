import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import type { ActorMessage } from '@billing/gateway-grpc';
import { BillingGrpcClient, failureOf, problemOf } from '@billing/gateway-grpc/testing';
import { BillingClient } from '@billing/sdk';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { confirmedOrder } from '../testing/orders';

/** seedance-2.0-fast without a video reference: 10 credits per second. */
const RENDER = { model: 'seedance-2.0-fast', durationSeconds: '2' };

/** REST's `actor` as gRPC writes it (`billing.v1.Actor`). */
const asGrpc = (actor: { kind: string; id: string } | null | undefined): ActorMessage | null => (actor ? { kind: `ACTOR_KIND_${actor.kind.toUpperCase()}`, id: actor.id } : null);

/*
 * Who made a task or an order, over a real gRPC connection (@grpc/grpc-js) and over REST
 * against the same embedded platform: the same maker, whichever surface made or reads it.
 */
describe('billing.v1 over gRPC records and shows who made each task and order, as REST does', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let grpc: BillingGrpcClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'actors-grpc-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'actors-grpc-secret-actors-grpc-secret', logRequests: false });
    grpc = new BillingGrpcClient(platform.grpcAddress);
  }, 30_000);

  afterAll(async () => {
    grpc?.close();
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const tokenOf = (userId: string, organisationId?: string) => platform.token(userId, undefined, organisationId);
  const rest = (credential: string) => new BillingClient({ baseUrl: platform.url, credential });

  it('given tasks made over gRPC with a member’s API key, the member’s token and the owner’s token, then each names its maker, over gRPC as over REST', async () => {
    const ownerToken = await tokenOf('grpc-owner');
    const owner = rest(ownerToken);
    await confirmedOrder(owner, { kind: 'pack', pack_id: 'api-1000' });
    await confirmedOrder(owner, { kind: 'pack', pack_id: 'app-300' });
    const invitation = await owner.organisation.invite({ email: 'dev@example.com', role: 'developer' });
    await rest(await tokenOf('grpc-dev')).organisation.acceptInvitation(invitation.code);
    const devToken = await tokenOf('grpc-dev', 'grpc-owner');
    const devKey = await rest(devToken).apiKeys.create({ name: 'dev over grpc' });

    const made = {
      key: await grpc.createTask({ render: RENDER }, String(devKey.key)),
      member: await grpc.createTask({ render: RENDER }, devToken),
      owner: await grpc.createTask({ render: RENDER }, ownerToken),
    };
    expect(Object.fromEntries(Object.entries(made).map(([who, task]) => [who, task.actor]))).toEqual({
      key: { kind: 'ACTOR_KIND_KEY', id: devKey.id },
      member: { kind: 'ACTOR_KIND_MEMBER', id: 'grpc-dev' },
      owner: { kind: 'ACTOR_KIND_MEMBER', id: 'grpc-owner' },
    });
    for (const task of Object.values(made)) {
      // REST's answer for the same task, and gRPC's GetTask and ListTasks: the same maker.
      expect(asGrpc((await owner.tasks.get(task.taskId)).actor)).toEqual(task.actor);
      expect((await grpc.getTask(task.taskId, ownerToken)).actor).toEqual(task.actor);
    }
    const listed = (await grpc.listTasks({}, ownerToken)).tasks;
    expect(new Map(listed.map((task) => [task.taskId, task.actor]))).toEqual(new Map(Object.values(made).map((task) => [task.taskId, task.actor])));
    // And a task made over REST reads the same over gRPC.
    const overRest = await rest(String(devKey.key)).tasks.create({ model: 'seedance-2.0-fast', duration_seconds: 2 });
    expect((await grpc.getTask(overRest.id, ownerToken)).actor).toEqual(asGrpc(overRest.actor));

    // The member removed: their key is refused over gRPC too, at once.
    await owner.organisation.removeMember('grpc-dev');
    const refused = await failureOf(grpc.getBalances(String(devKey.key)));
    expect(refused.code).toBe(status.UNAUTHENTICATED);
    expect(problemOf(refused)).toMatchObject({ status: 401, detail: 'the API key is revoked: the member who made it is no longer in the organisation' });
    expect((await grpc.getTask(made.key.taskId, ownerToken)).actor).toEqual({ kind: 'ACTOR_KIND_KEY', id: devKey.id });
  }, 60_000);

  it('given an order placed with an API key, then gRPC’s Order names the key, as REST’s does', async () => {
    const ownerToken = await tokenOf('grpc-buyer');
    const owner = rest(ownerToken);
    const key = await owner.apiKeys.create({ name: 'buyer key' });
    const byKey = rest(String(key.key));
    const order = await byKey.orders.place({ kind: 'pack', pack_id: 'api-300' });
    await byKey.orders.confirmSandboxPayment(order.id);
    expect((await owner.orders.get(order.id)).actor).toEqual({ kind: 'key', id: key.id });

    const refunded = await grpc.refundOrder({ orderId: order.id, reason: 'not needed' }, ownerToken);
    expect(refunded).toMatchObject({ orderId: order.id, actor: { kind: 'ACTOR_KIND_KEY', id: key.id } });
    expect(asGrpc((await owner.orders.get(order.id)).actor)).toEqual(refunded.actor);
  }, 60_000);
});
