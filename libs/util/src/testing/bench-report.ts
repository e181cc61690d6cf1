import os from 'node:os';

/** One goal of a benchmark: measured against its target, never failing the build. */
export interface Goal {
  readonly name: string;
  readonly target: number;
  /** null when it could not be measured in this run (a peer that is missing, say): never met. */
  readonly actual: number | null;
  readonly unit: string;
  /** Why `actual` is null, printed in the table. */
  readonly notMeasured?: string;
  /** `min`: actual must reach the target; `max`: actual must stay under it. */
  readonly direction: 'min' | 'max';
}

/** Prints the readable table, then the one JSON line DESIGN section 10 asks for, last. */
export function report(bench: string, figures: Record<string, number | string>, goals: readonly Goal[]): void {
  const rows = Object.entries(figures).map(([name, value]) => [name, typeof value === 'number' ? format(value) : value]);
  const width = Math.max(...rows.map(([name]) => String(name).length));
  console.log(`\n${bench}`);
  for (const [name, value] of rows) console.log(`  ${String(name).padEnd(width)}  ${value}`);
  console.log('\ngoals');
  for (const goal of goals) {
    if (goal.actual === null) {
      console.log(`  NOT measured  ${goal.name}: ${goal.notMeasured ?? 'not measured in this run'}`);
      continue;
    }
    const met = isMet(goal);
    console.log(`  ${met ? 'met    ' : 'NOT met'}  ${goal.name}: ${format(goal.actual)} ${goal.unit} (${goal.direction === 'min' ? '>=' : '<'} ${format(goal.target)})`);
  }
  const line = {
    bench,
    machine: { cpus: os.cpus().length, node: process.version },
    figures,
    goals: goals.map((goal) => ({ name: goal.name, target: goal.target, actual: goal.actual, unit: goal.unit, met: isMet(goal) })),
  };
  console.log(JSON.stringify(line));
}

function isMet(goal: Goal): boolean {
  if (goal.actual === null) return false;
  return goal.direction === 'min' ? goal.actual >= goal.target : goal.actual < goal.target;
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** Runs `body` repeatedly for about `millis`, returning operations per second. */
export function opsPerSecond(millis: number, batch: number, body: (iteration: number) => void): number {
  let iterations = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(millis) * 1_000_000n;
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < batch; i += 1) body(iterations + i);
    iterations += batch;
    now = process.hrtime.bigint();
  }
  return Math.round((iterations * 1e9) / Number(now - started));
}
