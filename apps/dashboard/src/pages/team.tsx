import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/problems';
import type { CreatedInvitation, Role } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatInstant } from '../format';

const ROLES: readonly Role[] = ['owner', 'admin', 'developer', 'finance', 'viewer'];

function RoleSelect(props: { readonly id?: string; readonly label?: string; readonly value: Role; readonly disabled?: boolean; readonly onChange: (role: Role) => void }) {
  return (
    <select id={props.id} aria-label={props.label} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(ROLES.find((role) => role === e.target.value) ?? props.value)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}

/** The organisation's members and roles, invitations (the code shown once), revoking them, and accepting one. */
export function TeamPage() {
  const api = useApi();
  const organisation = useLoad((client) => client.organisation.get(), 'organisation');
  const invitations = useLoad((client) => client.organisation.invitations(), 'invitations');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs a change, then loads members and invitations again (or shows the failure in words). */
  const change = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      organisation.reload();
      invitations.reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const invite = (event: FormEvent) => {
    event.preventDefault();
    void change(async () => {
      setCreated(await api.organisation.invite({ email: email.trim(), role }));
      setEmail('');
    });
  };
  const accept = (event: FormEvent) => {
    event.preventDefault();
    void change(async () => {
      const joined = await api.organisation.acceptInvitation(code.trim());
      setCode('');
      setNotice(`You joined ${joined.organisation_id} as ${joined.role}. Sign in with a token for that organisation to act in it.`);
    });
  };

  const members = organisation.data?.members ?? [];
  const pending = invitations.data?.invitations ?? [];
  return (
    <>
      <h1>Team</h1>
      <p className="hint">
        {organisation.data ? (
          <>
            Organisation <strong className="mono">{organisation.data.id}</strong>; your role: <strong data-testid="own-role">{organisation.data.role}</strong>.
          </>
        ) : null}
      </p>
      <ErrorMessage message={organisation.error ?? error} />
      <p role="status">{notice}</p>
      <section aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
                <th scope="col">Role</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.user_id} data-member={member.user_id}>
                  <td className="mono">{member.user_id}</td>
                  <td>{member.email ?? 'founder'}</td>
                  <td>{formatInstant(member.joined_at)}</td>
                  <td>
                    <RoleSelect
                      label={`Role of ${member.user_id}`}
                      value={member.role}
                      disabled={busy}
                      onChange={(next) => void change(() => api.organisation.changeRole(member.user_id, { role: next }))}
                    />
                  </td>
                  <td>
                    <button type="button" className="secondary" disabled={busy} aria-label={`Remove ${member.user_id}`} onClick={() => void change(() => api.organisation.removeMember(member.user_id))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="button" className="danger" disabled={busy} onClick={() => void change(() => api.organisation.leave())}>
          Leave the organisation
        </button>
      </section>
      <section aria-labelledby="invite-title">
        <h2 id="invite-title">Invite</h2>
        <form className="inline-form" onSubmit={invite}>
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="bob@example.com" />
          <label htmlFor="invite-role">Role</label>
          <RoleSelect id="invite-role" value={role} onChange={setRole} />
          <button type="submit" disabled={busy}>
            Invite
          </button>
        </form>
        {created ? (
          <section className="card secret" aria-labelledby="code-title" role="region">
            <h2 id="code-title">Invitation for {created.email}</h2>
            <p>
              <strong>Pass this code to them now: it is shown this once</strong> and works once, until {formatInstant(created.expires_at)}.
            </p>
            <label htmlFor="invitation-code">Invitation code</label>
            <input id="invitation-code" className="mono" readOnly value={created.code} onFocus={(e) => e.target.select()} />
            <button type="button" className="secondary" onClick={() => setCreated(null)}>
              Hide the code
            </button>
          </section>
        ) : null}
        <h3>Pending invitations</h3>
        <ErrorMessage message={invitations.error} />
        {pending.length === 0 && !invitations.loading ? <p>No pending invitations.</p> : null}
        <ul>
          {pending.map((invitation) => (
            <li key={invitation.id} data-invitation={invitation.id}>
              {invitation.email} as {invitation.role}, until {formatInstant(invitation.expires_at)}{' '}
              <button type="button" className="secondary" disabled={busy} aria-label={`Revoke the invitation of ${invitation.email}`} onClick={() => void change(() => api.organisation.revokeInvitation(invitation.id))}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="accept-title">
        <h2 id="accept-title">Join another organisation</h2>
        <form className="inline-form" onSubmit={accept}>
          <label htmlFor="accept-code">Code you were given</label>
          <input id="accept-code" className="mono" required value={code} onChange={(e) => setCode(e.target.value)} placeholder="inv.…" />
          <button type="submit" disabled={busy}>
            Accept invitation
          </button>
        </form>
      </section>
    </>
  );
}
