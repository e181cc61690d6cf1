import type { CheckpointStore } from '@billing/messaging';
import type { Logger } from '../service';
import { StopFlag } from './stop-flag';

export interface ProcessorLease {
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Shared by the instances of one service (`PostgresProcessorLeases`): each processor runs
 * in one instance at a time, and its checkpoint is where every instance reads it.
 */
export interface ProcessorLeases extends CheckpointStore {
  /** Waits until this instance holds `name`; null once `stopped` says to give up. */
  lead(name: string, stopped: () => boolean): Promise<ProcessorLease | null>;
}

export interface Stoppable {
  readonly name: string;
  stop(): Promise<unknown>;
}

/**
 * A part of the service (relay, store reactor, jobs) that runs only while this instance
 * holds its lease: started when it takes the lease, stopped when the lease is lost (its
 * session ended) and asked for again; another instance takes it meanwhile.
 */
export class LedPart implements Stoppable {
  private readonly stop$ = new StopFlag();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly leases: ProcessorLeases,
    private readonly startPart: () => Promise<Stoppable>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stop$.isRaised) {
      const lease = await this.leases.lead(this.name, () => this.stop$.isRaised);
      if (!lease) return;
      try {
        if (this.stop$.isRaised) return;
        const part = await this.startPart();
        this.logger.info('leading', { part: this.name });
        await Promise.race([lease.lost, this.stop$.raisedSignal]);
        await part.stop();
        if (!this.stop$.isRaised) this.logger.warn('lease lost; asking for it again', { part: this.name });
      } catch (error) {
        this.logger.error('led part failed; asking for its lease again', { part: this.name, error });
        await this.stop$.pause(1_000);
      } finally {
        await lease.release();
      }
    }
  }
}
