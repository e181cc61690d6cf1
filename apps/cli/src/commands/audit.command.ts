import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  auditOrganisations,
  balancesAsOf,
  balancesCsv,
  createCheckpoint,
  findingsCsv,
  generateSigningKeyPair,
  liabilityCsv,
  liabilityReport,
  runReplayAudit,
  type AuditFinding,
  type AuditSource,
  type CheckpointPeriod,
  type OrganisationAuditReport,
  type SignedCheckpoint,
  signingKeyFromPem,
  statementCsv,
  verifyCheckpoints,
  verifyingKeyFromPem,
  type WalletOfAccount,
  walletsOfAccounts,
  walletStatement,
} from '@billing/finance-audit';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliContext } from '../command';
import {
  openAuditSource,
  openOrganisationsSource,
  openReadModels,
  parseFormat,
  parseInstant,
  progressOnStderr,
  readKey,
  SIGNING_KEY,
  SOURCE_OPTIONS,
  stampOf,
  VERIFYING_KEY,
  type KeySource,
  type ReportFormat,
} from './audit-io';

const SUBCOMMANDS = ['replay', 'statement', 'balances', 'liability', 'checkpoint', 'verify', 'keygen'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const OPTIONS = {
  ...SOURCE_OPTIONS,
  'as-of': { type: 'string' },
  account: { type: 'string' },
  pool: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  period: { type: 'string' },
  key: { type: 'string' },
  'public-key': { type: 'string' },
  checkpoint: { type: 'string', multiple: true },
  checkpoints: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: false }>>['values'];

/**
 * `billing audit <subcommand>`: finance's read-only audits of the wallet streams. Exit code 0
 * when nothing was found, 1 on any finding (the report lists each with its stream and revision).
 */
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'replay, statement, balances, liability, checkpoint, verify: read-only audits of the wallet history',
  usage: [
    'npm run billing -- audit <subcommand> [--data-dir <dir> | --events <file> | --eventstoredb <url>] [--state <file>] [--out <dir>] [--format json|csv|both]',
    '  replay     [--as-of <instant>] [--account <id>] [--pool <pool>]',
    '  statement  --account <id> --pool <pool> --from <instant> --to <instant>',
    '  balances   --as-of <instant> [--account <id>] [--pool <pool>]',
    '  liability  --as-of <instant> [--from <instant>]',
    '  checkpoint --period day|month [--key <private key file>]     (or AUDIT_SIGNING_KEY / AUDIT_SIGNING_KEY_FILE)',
    '  verify     --checkpoint <file>... | --checkpoints <dir> [--public-key <file>]   (or AUDIT_VERIFY_KEY / AUDIT_VERIFY_KEY_FILE)',
    '  keygen     [--out <dir>]',
  ].join('\n'),
  async run(args, context) {
    const [name, ...rest] = args;
    if (name === undefined || !(SUBCOMMANDS as readonly string[]).includes(name)) {
      throw new UsageError(`audit needs one of: ${SUBCOMMANDS.join(', ')}${name === undefined ? '' : `; got ${JSON.stringify(name)}`}`);
    }
    const { values } = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: false, strict: true });
    const subcommand = name as Subcommand;
    if (subcommand === 'keygen') return keygen(values, context);
    const source = openAuditSource(values, context);
    try {
      return await SUBCOMMAND_RUNNERS[subcommand](source, values, context);
    } finally {
      await source.close();
    }
  },
};

type Runner = (source: AuditSource, flags: Flags, context: CliContext) => Promise<number>;

const outDir = (flags: Flags): string => flags.out ?? 'reports';
// The one place the audit looks at the terminal: a bar there, plain lines in logs.
const progress = (context: CliContext, label: string) => progressOnStderr(context, label, process.stderr.isTTY === true);

const SUBCOMMAND_RUNNERS: Record<Exclude<Subcommand, 'keygen'>, Runner> = {
  async replay(source, flags, context) {
    const readModels = openReadModels(flags, context);
    try {
      const asOf = flags['as-of'] === undefined ? undefined : parseInstant(flags['as-of'], '--as-of');
      const { report, audited } = await runReplayAudit(source, {
        now: context.now(),
        ...(asOf === undefined ? {} : { asOf }),
        ...(flags.account === undefined ? {} : { accountId: flags.account }),
        ...(flags.pool === undefined ? {} : { pool: flags.pool }),
        ...(readModels === undefined ? {} : { readModels }),
        onProgress: progress(context, 'replay'),
      });
      // Accounts are checked against organisations only over the whole history (not one account's or pool's, nor as of an instant).
      const whole = flags.account === undefined && flags.pool === undefined && asOf === undefined;
      const organisations = await auditOrganisationsIn(flags, context, whole ? walletsOfAccounts(audited) : undefined);
      const findings = [...report.findings, ...(organisations?.findings ?? [])];
      const files = write(flags, `replay-${stampOf(context.now())}`, { ...report, organisations }, findingsCsv(findings));
      context.stdout(
        `replayed ${report.eventsRead.toLocaleString('en-US')} events of ${report.streams.toLocaleString('en-US')} streams (${report.wallets.toLocaleString('en-US')} wallets), ` +
          `read models ${report.readModels === null ? 'not compared' : 'compared'}: ${report.findingCount} finding(s)\n` +
          (organisations ? `organisations: ${organisations.organisations} (${organisations.migrated} migrated from single-user accounts), ${organisations.members} members: ${organisations.findingCount} finding(s)\n` : '') +
          files,
      );
      return verdict(findings, context);
    } finally {
      readModels?.close();
    }
  },
  async statement(source, flags, context) {
    if (flags.account === undefined || flags.pool === undefined) throw new UsageError('statement needs --account and --pool');
    const statement = await walletStatement(source, {
      accountId: flags.account,
      pool: flags.pool,
      from: parseInstant(flags.from, '--from'),
      to: parseInstant(flags.to, '--to'),
    });
    const files = write(flags, `statement-${flags.account}-${flags.pool}-${stampOf(context.now())}`, statement, statementCsv(statement));
    context.stdout(
      `statement of wallet-${flags.account}-${flags.pool}: opening ${statement.openingBalanceMillicredits}, ${statement.entries.length} entries, closing ${statement.closingBalanceMillicredits} millicredits\n${files}`,
    );
    return verdict(statement.findings, context);
  },
  async balances(source, flags, context) {
    const report = await balancesAsOf(source, {
      asOf: parseInstant(flags['as-of'], '--as-of'),
      ...(flags.account === undefined ? {} : { accountId: flags.account }),
      ...(flags.pool === undefined ? {} : { pool: flags.pool }),
      onProgress: progress(context, 'balances'),
    });
    const files = write(flags, `balances-${stampOf(context.now())}`, report, balancesCsv(report));
    context.stdout(`balances of ${report.wallets.length} wallets as of ${report.asOf}\n${files}`);
    return verdict(report.findings, context);
  },
  async liability(source, flags, context) {
    const report = await liabilityReport(source, {
      asOf: parseInstant(flags['as-of'], '--as-of'),
      ...(flags.from === undefined ? {} : { from: parseInstant(flags.from, '--from') }),
      onProgress: progress(context, 'liability'),
    });
    const files = write(flags, `liability-${stampOf(context.now())}`, report, liabilityCsv(report));
    const lines = report.pools.map(
      (pool) => `  ${pool.pool}: outstanding ${pool.outstanding.millicredits} millicredits, ${JSON.stringify(pool.outstanding.valueCents)} cents; reconciles: ${pool.reconciles ? 'yes' : 'NO'}`,
    );
    context.stdout(`liability as of ${report.asOf} (period from ${report.periodFrom}, money rounded ${report.rounding})\n${lines.join('\n')}\n${files}`);
    const unreconciled: AuditFinding[] = report.pools
      .filter((pool) => !pool.reconciles)
      .map((pool) => ({ kind: 'invariant', streamName: '', revision: null, position: null, rule: 'liability_reconciles', message: `pool ${pool.pool} does not reconcile` }));
    return verdict([...report.findings, ...unreconciled], context);
  },
  async checkpoint(source, flags, context) {
    const period = flags.period;
    if (period !== 'day' && period !== 'month') throw new UsageError('checkpoint needs --period day or --period month');
    const keys = readKey(context, signingKeySource(flags), (pem) => ({ signingKey: signingKeyFromPem(pem), verifyingKey: verifyingKeyFromPem(pem) }));
    if (keys === undefined) throw new UsageError('checkpoint needs a signing key: --key <file>, AUDIT_SIGNING_KEY (PEM) or AUDIT_SIGNING_KEY_FILE; make one with audit keygen');
    const { checkpoint, findings } = await createCheckpoint(source, {
      period: period as CheckpointPeriod,
      now: context.now(),
      ...keys,
      onProgress: progress(context, 'checkpoint'),
    });
    mkdirSync(outDir(flags), { recursive: true });
    const file = join(outDir(flags), `checkpoint-${period}-${checkpoint.periodEnd.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`);
    context.stdout(`checkpoint of ${checkpoint.heads.length} streams at ${checkpoint.periodEnd}, signed by key ${checkpoint.keyFingerprint.slice(0, 16)}\n  ${file}\n`);
    return verdict(findings, context);
  },
  async verify(source, flags, context) {
    const files = [...(flags.checkpoint ?? [])];
    if (flags.checkpoints !== undefined) {
      for (const name of readdirSync(flags.checkpoints).sort()) if (/^checkpoint-.*\.json$/.test(name)) files.push(join(flags.checkpoints, name));
    }
    if (files.length === 0) throw new UsageError('verify needs --checkpoint <file> or --checkpoints <dir>');
    const verifyingKey =
      readKey(context, { flag: '--public-key', file: flags['public-key'], textVariable: 'AUDIT_VERIFY_KEY', fileVariable: 'AUDIT_VERIFY_KEY_FILE', expects: VERIFYING_KEY }, verifyingKeyFromPem) ??
      readKey(context, signingKeySource(flags), verifyingKeyFromPem);
    if (verifyingKey === undefined) throw new UsageError('verify needs the trusted public key: --public-key <file>, AUDIT_VERIFY_KEY or AUDIT_VERIFY_KEY_FILE');
    const checkpoints = files.map((file) => ({ name: file, checkpoint: JSON.parse(readFileSync(file, 'utf8')) as SignedCheckpoint }));
    const findings = await verifyCheckpoints(source, checkpoints, verifyingKey, progress(context, 'verify'));
    const report = { audit: 'verify', source: source.location, checkpoints: files, findingCount: findings.length, findings };
    const written = write(flags, `verify-${stampOf(context.now())}`, report, findingsCsv(findings));
    context.stdout(`verified the history against ${files.length} checkpoint(s): ${findings.length} finding(s)\n${written}`);
    return verdict(findings, context);
  },
};

/** The private key (--key, AUDIT_SIGNING_KEY, AUDIT_SIGNING_KEY_FILE): checkpoint signs with it; verify may take its public half. */
const signingKeySource = (flags: Flags): KeySource => ({ flag: '--key', file: flags.key, textVariable: 'AUDIT_SIGNING_KEY', fileVariable: 'AUDIT_SIGNING_KEY_FILE', expects: SIGNING_KEY });

function keygen(flags: Flags, context: CliContext): number {
  const dir = outDir(flags);
  mkdirSync(dir, { recursive: true });
  const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();
  const privateFile = join(dir, 'audit-signing-key.pem');
  const publicFile = join(dir, 'audit-verifying-key.pem');
  writeFileSync(privateFile, privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, publicKeyPem, { flag: 'wx' });
  context.stdout(`Ed25519 key pair written:\n  ${privateFile} (set AUDIT_SIGNING_KEY_FILE to it)\n  ${publicFile} (set AUDIT_VERIFY_KEY_FILE to it)\n`);
  return EXIT_OK;
}

function write(flags: Flags, name: string, json: unknown, csv: string): string {
  const format: ReportFormat = parseFormat(flags.format);
  const dir = outDir(flags);
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  if (format !== 'csv') {
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
    lines.push(`  ${join(dir, `${name}.json`)}`);
  }
  if (format !== 'json') {
    writeFileSync(join(dir, `${name}.csv`), csv);
    lines.push(`  ${join(dir, `${name}.csv`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The gateway's organisation streams beside the wallet's, when the data directory has them. */
async function auditOrganisationsIn(flags: Flags, context: CliContext, wallets: readonly WalletOfAccount[] | undefined): Promise<OrganisationAuditReport | null> {
  const source = openOrganisationsSource(flags, context);
  if (!source) return null;
  try {
    return await auditOrganisations(source, wallets === undefined ? {} : { wallets });
  } finally {
    await source.close();
  }
}

function verdict(findings: readonly AuditFinding[], context: CliContext): number {
  if (findings.length === 0) return EXIT_OK;
  for (const finding of findings.slice(0, 10)) {
    context.stderr(`finding: ${finding.kind} ${finding.rule} at ${finding.streamName || '-'}@${finding.revision ?? '-'}: ${finding.message}\n`);
  }
  if (findings.length > 10) context.stderr(`... and ${findings.length - 10} more in the report\n`);
  return EXIT_FAILED;
}
