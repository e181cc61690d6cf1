/** A stream's state as of a revision: loading starts there instead of at revision 0. */
export interface Snapshot<S> {
  readonly revision: number;
  readonly state: S;
}

export interface SnapshotStore<S> {
  load(streamName: string): Promise<Snapshot<S> | undefined>;
  save(streamName: string, snapshot: Snapshot<S>): Promise<void>;
}

export class InMemorySnapshotStore<S> implements SnapshotStore<S> {
  private readonly snapshots = new Map<string, Snapshot<S>>();

  async load(streamName: string): Promise<Snapshot<S> | undefined> {
    return this.snapshots.get(streamName);
  }

  async save(streamName: string, snapshot: Snapshot<S>): Promise<void> {
    this.snapshots.set(streamName, snapshot);
  }
}
