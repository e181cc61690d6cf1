import pg from 'pg';
import { quotedSchema } from './postgres-schema';

export interface PostgresProcessorLeasesOptions {
  readonly connectionString: string;
  /** The service's schema, beside its events. */
  readonly schema: string;
  /** How often an instance that does not lead asks again (default 1 s). */
  readonly retryMillis?: number;
}

/** A processor this instance runs alone until `lost` resolves (its session ended) or it releases it. */
export interface ProcessorLease {
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * What the instances of one service share about their processors (relay, store reactors,
 * jobs): one runs each at a time, holding a session advisory lock named after it, and
 * their checkpoints live in `processor_checkpoints` beside the events. An instance killed
 * with `kill -9` loses its session, so its locks pass to whichever instance asks next.
 */
export class PostgresProcessorLeases {
  private readonly s: string;
  private readonly cached = new Map<string, number>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresProcessorLeasesOptions,
  ) {
    this.s = quotedSchema(options.schema);
  }

  static async open(options: PostgresProcessorLeasesOptions): Promise<PostgresProcessorLeases> {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: 2 });
    pool.on('error', () => undefined);
    const leases = new PostgresProcessorLeases(pool, options);
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${leases.s}`);
      await pool.query(`CREATE TABLE IF NOT EXISTS ${leases.s}.processor_checkpoints (name text PRIMARY KEY, position bigint NOT NULL)`);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return leases;
  }

  /** Waits until this instance runs `name` alone (its checkpoint read afresh); null when `stopped` says to give up first. */
  async lead(name: string, stopped: () => boolean): Promise<ProcessorLease | null> {
    const key = `billing-processor:${this.options.schema}:${name}`;
    while (!stopped()) {
      const session = new pg.Client({ connectionString: this.options.connectionString });
      const lost = new Promise<void>((resolve) => {
        session.on('error', () => resolve());
        session.on('end', () => resolve());
      });
      try {
        await session.connect();
        const { rows } = await session.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [key]);
        if (rows[0]?.held) {
          // Read before anything runs under the lease: `load` answers from it.
          await this.readCheckpoint(name);
          return { lost, release: () => session.end().catch(() => undefined) };
        }
      } catch {
        // PostgreSQL away: ask again.
      }
      await session.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMillis ?? 1_000));
    }
    return null;
  }

  /** The position the last leader saved (0 for none), as read when this instance took the lease. */
  load(name: string): number {
    return this.cached.get(name) ?? 0;
  }

  async save(name: string, position: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.processor_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
      [name, position],
    );
    this.cached.set(name, position);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async readCheckpoint(name: string): Promise<void> {
    const { rows } = await this.pool.query<{ position: string }>(`SELECT position FROM ${this.s}.processor_checkpoints WHERE name = $1`, [name]);
    this.cached.set(name, Number(rows[0]?.position ?? 0));
  }
}
