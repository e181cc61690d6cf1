import type { ApiKey, Member, UsageGroup } from '../api/types';
import { formatCredits, poolName } from '../format';

interface ActorTableProps {
  readonly by: 'key' | 'member';
  readonly groups: readonly UsageGroup[];
  /** The account's keys, to name each key's row. */
  readonly keys: readonly ApiKey[];
  /** The organisation's members, to name each member's row by their address. */
  readonly members?: readonly Member[];
}

const TITLES = { key: 'Per API key', member: 'Per member' } as const;
const LABELS = { key: 'Credits charged per API key', member: 'Credits charged per member' } as const;
/** The row of id null: every charge not made with a key (by key), or made before makers were recorded (a key's charges are its maker's by member). */
const OTHERS = { key: 'Not made with a key', member: 'Made before makers were recorded' } as const;

/** Credits charged and tasks per API key, or per member, and pool (`GET /v1/usage?group_by=...`). */
export function UsageByActorTable(props: ActorTableProps) {
  const names = new Map(props.keys.map((key) => [key.id, key.name]));
  const emails = new Map((props.members ?? []).flatMap((member) => (member.email ? [[member.user_id, member.email] as const] : [])));
  const memberName = (id: string) => (emails.has(id) ? `${emails.get(id) ?? ''} (${id})` : id);
  const label = (id: string | null) => (id === null ? OTHERS[props.by] : props.by === 'key' ? `${names.get(id) ?? 'deleted key'} (bk_${id})` : memberName(id));
  return (
    <div className="table-wrap">
      <table aria-label={LABELS[props.by]}>
        <caption>{TITLES[props.by]}</caption>
        <thead>
          <tr>
            <th scope="col">{props.by === 'key' ? 'Key' : 'Member'}</th>
            <th scope="col">Pool</th>
            <th scope="col">Tasks</th>
            <th scope="col">Credits</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.length === 0 ? (
            <tr>
              <td colSpan={4}>Nothing charged in this range.</td>
            </tr>
          ) : null}
          {props.groups.map((group) => (
            <tr key={`${group.id ?? ''}-${group.pool}`} data-actor={`${props.by}:${group.id ?? 'other'}:${group.pool}`}>
              <td>{label(group.id)}</td>
              <td>{poolName(group.pool)}</td>
              <td className="num">{group.tasks}</td>
              <td className="num">{formatCredits(group.credits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
