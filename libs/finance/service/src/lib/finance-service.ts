import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FinanceRpc, SERVICES } from '@billing/contracts';
import type { EventStore } from '@billing/event-store';
import {
  type AuditFinding,
  balancesAsOf,
  checkpointProblem,
  eventStoreAuditSource,
  liabilityReport,
  runReplayAudit,
  type SignedCheckpoint,
  verifyCheckpoints,
  verifyingKeyFromPem,
  walletStatement,
} from '@billing/finance-audit';
import { RpcError, rpcHandler, type ServiceDefinition, type ServiceFactory } from '@billing/service-host';
import { BalancesAsOfRequest, CheckpointsRequest, LiabilityRequest, StatementRequest, VerifyRequest } from './finance-requests';

export const FINANCE_SERVICE = SERVICES.finance;

export interface FinanceServiceOptions {
  /** The wallet's event store, read only (in the embedded platform, the wallet service's own instance). */
  readonly walletStore: EventStore;
  /** Where signed checkpoints (`audit checkpoint`) are kept; `verify` checks the history against each. */
  readonly checkpointsDir?: string;
  /** The trusted public key (PEM) that checkpoints must be signed with. */
  readonly verifyingKeyPem?: string;
  /** Most findings a reply lists (the count is always complete; default 1,000). */
  readonly maxFindings?: number;
}

/**
 * Finance's figures for the gateway's `finance` role: statements, balances as of an instant,
 * liability, verification of the history, the checkpoints kept. Every answer is replayed from
 * the wallet's events (hash chains verified on the way), never read from a read model.
 */
export function createFinanceService(options: FinanceServiceOptions): ServiceFactory {
  return (context): ServiceDefinition => {
    const source = () => eventStoreAuditSource(options.walletStore, { location: 'wallet event store' });
    const verifyingKey = options.verifyingKeyPem === undefined ? undefined : verifyingKeyFromPem(options.verifyingKeyPem);
    const cap = (findings: readonly AuditFinding[]) => ({ findingCount: findings.length, findings: findings.slice(0, options.maxFindings ?? 1_000) });
    return {
      name: FINANCE_SERVICE,
      publishes: [],
      rpc: [
        rpcHandler(FinanceRpc.statement, StatementRequest, async (request) => {
          const from = instant(request.from, 'from');
          const to = instant(request.to, 'to');
          if (from > to) throw invalid('from must not be after to');
          const { findings, ...statement } = await walletStatement(source(), { accountId: request.accountId, pool: request.pool, from, to });
          return { ...statement, ...cap(findings) };
        }),
        rpcHandler(FinanceRpc.balancesAsOf, BalancesAsOfRequest, async (request) => {
          const { findings, ...report } = await balancesAsOf(source(), {
            asOf: instant(request.asOf, 'asOf'),
            ...(request.accountId === undefined ? {} : { accountId: request.accountId }),
            ...(request.pool === undefined ? {} : { pool: request.pool }),
          });
          return { ...report, ...cap(findings) };
        }),
        rpcHandler(FinanceRpc.liability, LiabilityRequest, async (request) => {
          const { findings, ...report } = await liabilityReport(source(), {
            asOf: instant(request.asOf, 'asOf'),
            ...(request.from === undefined ? {} : { from: instant(request.from, 'from') }),
          });
          return { ...report, ...cap(findings) };
        }),
        rpcHandler(FinanceRpc.verify, VerifyRequest, async (request) => {
          const { report } = await runReplayAudit(source(), { now: context.clock.now() });
          const stored = request.scope === 'chain' ? [] : readCheckpoints(options.checkpointsDir);
          if (stored.length > 0 && verifyingKey === undefined) throw unavailable('checkpoints are kept but no verifying key is configured');
          const checkpointFindings = stored.length > 0 && verifyingKey !== undefined ? await verifyCheckpoints(source(), stored, verifyingKey) : [];
          const findings = [...report.findings, ...checkpointFindings];
          return { verified: findings.length === 0, eventsRead: report.eventsRead, streams: report.streams, checkpoints: stored.length, ...cap(findings) };
        }),
        rpcHandler(FinanceRpc.checkpoints, CheckpointsRequest, async (request) =>
          readCheckpoints(options.checkpointsDir)
            .filter(({ checkpoint }) => request.period === undefined || checkpoint.period === request.period)
            .map(({ name, checkpoint }) => ({
            name,
            period: checkpoint.period,
            periodEnd: checkpoint.periodEnd,
            createdAt: checkpoint.createdAt,
            streams: checkpoint.heads.length,
            digest: checkpoint.digest,
            keyFingerprint: checkpoint.keyFingerprint,
            signatureValid: verifyingKey === undefined ? null : checkpointProblem(checkpoint, verifyingKey) === undefined,
          })),
        ),
      ],
    };
  };
}

function readCheckpoints(dir: string | undefined): { name: string; checkpoint: SignedCheckpoint }[] {
  if (dir === undefined || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^checkpoint-.*\.json$/.test(name))
    .sort()
    .map((name) => ({ name, checkpoint: JSON.parse(readFileSync(join(dir, name), 'utf8')) as SignedCheckpoint }));
}

function instant(text: string, field: string): number {
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw invalid(`${field} is not an instant`);
  return parsed;
}

const invalid = (detail: string) => new RpcError({ type: 'validation', title: 'The request is not valid', status: 400, detail });
const unavailable = (detail: string) => new RpcError({ type: 'unavailable', title: 'Not configured', status: 503, detail });

