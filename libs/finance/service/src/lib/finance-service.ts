import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import {
  type Answering,
  type BalancesAsOfCall,
  type BalancesAsOfReply,
  type CheckpointsCall,
  type CheckpointsReply,
  FinanceRpc,
  type LiabilityCall,
  type LiabilityReply,
  type OrganisationsVerification,
  SERVICES,
  type StatementCall,
  type StatementReply,
  type VerifyCall,
  type VerifyReply,
} from '@billing/contracts';
import type { EventStore } from '@billing/event-store';
import {
  type AuditedWallet,
  type AuditFinding,
  type AuditSource,
  auditOrganisations,
  balancesAsOf,
  checkpointProblem,
  eventStoreAuditSource,
  liabilityReport,
  type OrganisationAuditReport,
  runReplayAudit,
  type SignedCheckpoint,
  verifyCheckpoints,
  verifyingKeyFromPem,
  walletsOfAccounts,
  walletStatement,
} from '@billing/finance-audit';
import { answers, RpcError, SERVICE_CONTEXT, type ServiceContext, type ServiceFactory } from '@billing/service-host';
import { Controller, type DynamicModule, Inject, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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
  /**
   * The gateway's organisation streams, read only, opened for each `verify` (closed after);
   * undefined when they are not beside finance (then `verify` answers `organisations: null`).
   */
  readonly organisations?: () => AuditSource | undefined;
}

/**
 * Finance's figures for the gateway's `finance` role: statements, balances as of an instant,
 * liability, verification of the history, the checkpoints kept. Every answer is replayed from
 * the wallet's events (hash chains verified on the way), never read from a read model.
 */
export function createFinanceService(options: FinanceServiceOptions): ServiceFactory {
  return (context) => ({ name: FINANCE_SERVICE, publishes: [], module: FinanceModule.of(options, context) });
}

const FINANCE_OPTIONS = Symbol('FinanceServiceOptions');

@Controller()
export class FinanceController implements Answering<typeof FinanceRpc> {
  private readonly verifyingKey: KeyObject | undefined;

  constructor(
    @Inject(FINANCE_OPTIONS) private readonly options: FinanceServiceOptions,
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
  ) {
    this.verifyingKey = options.verifyingKeyPem === undefined ? undefined : verifyingKeyFromPem(options.verifyingKeyPem);
  }

  @MessagePattern(FinanceRpc.statement, answers(StatementRequest))
  async statement(@Payload() request: StatementCall): Promise<StatementReply> {
    const from = instant(request.from, 'from');
    const to = instant(request.to, 'to');
    if (from > to) throw invalid('from must not be after to');
    const { findings, ...statement } = await walletStatement(this.source(), { accountId: request.accountId, pool: request.pool, from, to });
    return { ...statement, ...this.cap(findings) };
  }

  @MessagePattern(FinanceRpc.balancesAsOf, answers(BalancesAsOfRequest))
  async balancesAsOf(@Payload() request: BalancesAsOfCall): Promise<BalancesAsOfReply> {
    const { findings, ...report } = await balancesAsOf(this.source(), {
      asOf: instant(request.asOf, 'asOf'),
      ...(request.accountId === undefined ? {} : { accountId: request.accountId }),
      ...(request.pool === undefined ? {} : { pool: request.pool }),
    });
    return { ...report, ...this.cap(findings) };
  }

  @MessagePattern(FinanceRpc.liability, answers(LiabilityRequest))
  async liability(@Payload() request: LiabilityCall): Promise<LiabilityReply> {
    const { findings, ...report } = await liabilityReport(this.source(), {
      asOf: instant(request.asOf, 'asOf'),
      ...(request.from === undefined ? {} : { from: instant(request.from, 'from') }),
    });
    return { ...report, ...this.cap(findings) };
  }

  @MessagePattern(FinanceRpc.verify, answers(VerifyRequest))
  async verify(@Payload() request: VerifyCall): Promise<VerifyReply> {
    const { report, audited } = await runReplayAudit(this.source(), { now: this.context.clock.now() });
    const organisations = await this.auditOrganisations(audited);
    const stored = request.scope === 'chain' ? [] : readCheckpoints(this.options.checkpointsDir);
    if (stored.length > 0 && this.verifyingKey === undefined) throw unavailable('checkpoints are kept but no verifying key is configured');
    const checkpointFindings = stored.length > 0 && this.verifyingKey !== undefined ? await verifyCheckpoints(this.source(), stored, this.verifyingKey) : [];
    const findings = [...report.findings, ...(organisations?.findings ?? []), ...checkpointFindings];
    return {
      verified: findings.length === 0,
      eventsRead: report.eventsRead,
      streams: report.streams,
      checkpoints: stored.length,
      organisations: organisations === null ? null : organisationsVerification(organisations),
      ...this.cap(findings),
    };
  }

  /** The organisations audit over the gateway's streams and the wallets just replayed; null when the streams are not here. */
  private async auditOrganisations(audited: ReadonlyMap<string, AuditedWallet>): Promise<OrganisationAuditReport | null> {
    const source = this.options.organisations?.();
    if (source === undefined) return null;
    try {
      return await auditOrganisations(source, { wallets: walletsOfAccounts(audited) });
    } finally {
      await source.close();
    }
  }

  @MessagePattern(FinanceRpc.checkpoints, answers(CheckpointsRequest))
  async checkpoints(@Payload() request: CheckpointsCall): Promise<CheckpointsReply> {
    const verifyingKey = this.verifyingKey;
    return readCheckpoints(this.options.checkpointsDir)
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
      }));
  }

  private source() {
    return eventStoreAuditSource(this.options.walletStore, { location: 'wallet event store' });
  }

  private cap(findings: readonly AuditFinding[]) {
    return { findingCount: findings.length, findings: findings.slice(0, this.options.maxFindings ?? 1_000) };
  }
}

@Module({})
export class FinanceModule {
  static of(options: FinanceServiceOptions, context: ServiceContext): DynamicModule {
    return {
      module: FinanceModule,
      controllers: [FinanceController],
      providers: [
        { provide: FINANCE_OPTIONS, useValue: options },
        { provide: SERVICE_CONTEXT, useValue: context },
      ],
    };
  }
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

function organisationsVerification(report: OrganisationAuditReport): OrganisationsVerification {
  const { eventsRead, organisations, migrated, members, accounts, findingCount } = report;
  return { eventsRead, organisations, migrated, members, accounts: accounts ?? 0, findingCount };
}

const invalid = (detail: string) => new RpcError({ type: 'validation', title: 'The request is not valid', status: 400, detail });
const unavailable = (detail: string) => new RpcError({ type: 'unavailable', title: 'Not configured', status: 503, detail });

