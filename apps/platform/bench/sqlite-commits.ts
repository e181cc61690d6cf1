import Database from 'better-sqlite3';

type Transaction = ((...args: unknown[]) => unknown) & Record<'deferred' | 'immediate' | 'exclusive', (...args: unknown[]) => unknown>;

/**
 * Counts the SQLite commits of this process from now on: every outermost transaction
 * (better-sqlite3's `transaction` wrappers) and every write statement run outside one
 * (autocommit). The bench reads it to report commits per lifecycle.
 */
export function countSqliteCommits(): () => number {
  let commits = 0;
  const proto = Database.prototype as unknown as { transaction: (fn: (...args: unknown[]) => unknown) => Transaction };
  const transaction = proto.transaction;
  proto.transaction = function (this: Database.Database, fn) {
    const inner = transaction.call(this, fn);
    const counted = (run: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
      const outermost = !this.inTransaction;
      const result = run(...args);
      if (outermost) commits++;
      return result;
    };
    return Object.assign(counted(inner), { deferred: counted(inner.deferred), immediate: counted(inner.immediate), exclusive: counted(inner.exclusive) });
  };
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: (...args: unknown[]) => Database.RunResult };
  probe.close();
  const run = statement.run;
  statement.run = function (this: Database.Statement, ...args: unknown[]) {
    const autocommit = !this.database.inTransaction && !this.reader;
    const result = run.apply(this, args);
    if (autocommit) commits++;
    return result;
  };
  return () => commits;
}
