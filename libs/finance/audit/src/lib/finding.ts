// A finding is what finance's replies list: the finance contract's.
export type { AuditFinding, FindingKind } from '@billing/contracts';
