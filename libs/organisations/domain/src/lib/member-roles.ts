/** A member's one role in an organisation; what each may do is the gateway's table (OPERATION_ROLES). */
export const MEMBER_ROLES = ['owner', 'admin', 'developer', 'finance', 'viewer'] as const;

export type MemberRole = (typeof MEMBER_ROLES)[number];

export const isMemberRole = (value: string): value is MemberRole => (MEMBER_ROLES as readonly string[]).includes(value);
