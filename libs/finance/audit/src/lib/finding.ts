/** What kind of check found something. */
export type FindingKind = 'chain' | 'invariant' | 'event' | 'read_model' | 'checkpoint';

/**
 * One discrepancy, located by stream and revision (and global position where there is one),
 * so finance can open the exact event.
 */
export interface AuditFinding {
  readonly kind: FindingKind;
  readonly streamName: string;
  /** The revision the finding is about; null when it concerns a whole stream or row. */
  readonly revision: number | null;
  readonly position: number | null;
  /** A stable rule name (`hash_mismatch`, `conservation`, `balance_differs`...). */
  readonly rule: string;
  readonly message: string;
}
