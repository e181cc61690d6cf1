/**
 * `bench:saga`'s command line: `--mode embedded|distributed` (default embedded) and, distributed
 * only, `--instances 1,2` (or `--instances=2`): a round per count, each with that many processes
 * of wallet, tasks, purchase and pricing on one PostgreSQL, in the same run. With `--instances`
 * (or EVENT_STORE=postgres) the stores are PostgreSQL's; without, each service's SQLite file.
 */
export interface SagaArgs {
  readonly mode: 'embedded' | 'distributed';
  /** Instances per scaled service, one round each, in the order given. */
  readonly rounds: readonly number[];
  readonly postgres: boolean;
}

export function parseSagaArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): SagaArgs {
  const mode = valueOf(args, '--mode') ?? 'embedded';
  if (mode !== 'embedded' && mode !== 'distributed') throw new Error(`--mode must be embedded or distributed, got ${mode}`);
  const instances = valueOf(args, '--instances');
  if (instances === undefined) return { mode, rounds: [1], postgres: mode === 'distributed' && env['EVENT_STORE'] === 'postgres' };
  if (mode !== 'distributed') throw new Error('--instances needs --mode distributed');
  const rounds = instances.split(',').map((part) => {
    const count = Number(part.trim());
    if (part.trim() === '' || !Number.isInteger(count) || count < 1 || count > 16) throw new Error(`--instances takes whole numbers from 1 to 16, comma-separated (1,2), got ${instances}`);
    return count;
  });
  if (new Set(rounds).size !== rounds.length) throw new Error(`--instances names a count twice: ${instances}`);
  return { mode, rounds, postgres: true };
}

/** `--name value` or `--name=value`; '' for a flag given without one. */
function valueOf(args: readonly string[], name: string): string | undefined {
  const at = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (at < 0) return undefined;
  const arg = args[at] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[at + 1] ?? '');
}
