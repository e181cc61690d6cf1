import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/problems';
import type { CreatedInvitation, Member, Role } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { useOrganisationChoice } from '../components/organisation-switcher';
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

/** How a member is named to people: their address when one is known, else their user id. */
export const memberLabel = (member: Pick<Member, 'user_id' | 'email'>): string => member.email ?? member.user_id;

/** The organisation's members and roles, invitations (the code shown once), revoking them, accepting one, and creating an organisation. */
export function TeamPage() {
  const api = useApi();
  const organisations = useOrganisationChoice();
  const [organisationName, setOrganisationName] = useState('');
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
      organisations.refresh();
      setNotice(`You joined ${joined.organisation_id} as ${joined.role}. Choose it under Organisation above to act in it.`);
    });
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void change(async () => {
      const created = await api.organisations.create({ name: organisationName.trim() });
      setOrganisationName('');
      organisations.refresh();
      organisations.switchTo(created.id);
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
            Organisation <strong data-testid="organisation-name">{organisation.data.name ?? organisation.data.id}</strong>
            {organisation.data.name ? <span className="mono"> ({organisation.data.id})</span> : null}; your role: <strong data-testid="own-role">{organisation.data.role}</strong>.
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
                <th scope="col">User id</th>
                <th scope="col">Joined</th>
                <th scope="col">Role</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.user_id} data-member={member.user_id}>
                  <td>{memberLabel(member)}</td>
                  <td className="mono">{member.user_id}</td>
                  <td>{formatInstant(member.joined_at)}</td>
                  <td>
                    <RoleSelect
                      label={`Role of ${memberLabel(member)}`}
                      value={member.role}
                      disabled={busy}
                      onChange={(next) => void change(() => api.organisation.changeRole(member.user_id, { role: next }))}
                    />
                  </td>
                  <td>
                    <button type="button" className="secondary" disabled={busy} aria-label={`Remove ${memberLabel(member)}`} onClick={() => void change(() => api.organisation.removeMember(member.user_id))}>
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
      <section aria-labelledby="create-title">
        <h2 id="create-title">Create an organisation</h2>
        <p className="hint">A new organisation with its own App and API pools, keys and team; you are its owner. The dashboard switches to it.</p>
        <form className="inline-form" onSubmit={create}>
          <label htmlFor="organisation-name">Name</label>
          <input id="organisation-name" required maxLength={100} value={organisationName} onChange={(e) => setOrganisationName(e.target.value)} placeholder="Studio" />
          <button type="submit" disabled={busy}>
            Create organisation
          </button>
        </form>
      </section>
    </>
  );
}
