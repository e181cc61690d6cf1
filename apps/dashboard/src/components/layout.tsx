import type { ReactNode } from 'react';
import { Link } from '../router';
import { OrganisationSwitcher } from './organisation-switcher';

const SECTIONS = [
  { to: '/', label: 'Overview' },
  { to: '/buy', label: 'Buy credits' },
  { to: '/keys', label: 'API keys' },
  { to: '/usage', label: 'Usage' },
  { to: '/quote', label: 'Quote calculator' },
  { to: '/webhooks', label: 'Webhooks & alerts' },
  { to: '/team', label: 'Team' },
] as const;

/** Skip link, header with the account, the organisation switcher and sign-out, the sections, and the page. */
export function Layout(props: {
  readonly path: string;
  readonly accountId: string | null;
  readonly organisationsRound: number;
  readonly onSignOut: () => void;
  readonly children: ReactNode;
}) {
  const section = SECTIONS.find((s) => s.to !== '/' && props.path.startsWith(s.to))?.to ?? (props.path === '/' ? '/' : '');
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="brand">API dashboard</p>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.to}>
                <Link to={s.to} current={s.to === section}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {props.accountId ? <span>Signed in as <strong>{props.accountId}</strong></span> : null}
          <OrganisationSwitcher round={props.organisationsRound} />
          <button type="button" className="secondary" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
