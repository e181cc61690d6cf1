import { useMemo, useState } from 'react';
import { signedInClient } from './api/client';
import type { Account } from './api/types';
import { ApiProvider } from './api/use-api';
import { ErrorBoundary } from './components/errors';
import { Layout } from './components/layout';
import { type OrganisationChoice, OrganisationProvider } from './components/organisation-switcher';
import { BuyPage } from './pages/buy';
import { CheckoutPage } from './pages/checkout';
import { KeysPage } from './pages/keys';
import { OverviewPage } from './pages/overview';
import { QuotePage } from './pages/quote';
import { SignInPage } from './pages/sign-in';
import { TeamPage } from './pages/team';
import { UsagePage } from './pages/usage';
import { WebhooksPage } from './pages/webhooks';
import { usePath } from './router';
import { session } from './session';

const ACCOUNT_KEY = 'billing-dashboard-account';
/** The organisation chosen in the switcher (absent: the token's own). */
const ORGANISATION_KEY = 'billing-dashboard-organisation';

function pageFor(path: string) {
  const checkout = /^\/checkout\/([^/]+)$/.exec(path);
  if (checkout?.[1]) return <CheckoutPage orderId={decodeURIComponent(checkout[1])} />;
  switch (path) {
    case '/':
      return <OverviewPage />;
    case '/buy':
      return <BuyPage />;
    case '/keys':
      return <KeysPage />;
    case '/usage':
      return <UsagePage />;
    case '/quote':
      return <QuotePage />;
    case '/webhooks':
      return <WebhooksPage />;
    case '/team':
      return <TeamPage />;
    default:
      return (
        <>
          <h1>Page not found</h1>
          <p>There is no dashboard page at {path}. Pick a section above.</p>
        </>
      );
  }
}

/** Sign-in until a token is kept; then the sections, each talking to the gateway with that token. */
export function App() {
  const path = usePath();
  const [token, setToken] = useState(session.token);
  const [notice, setNotice] = useState(session.takeNotice);
  const [accountId, setAccountId] = useState(() => sessionStorage.getItem(ACCOUNT_KEY));
  const [organisationId, setOrganisationId] = useState(() => sessionStorage.getItem(ORGANISATION_KEY));
  const [organisationsRound, setOrganisationsRound] = useState(0);

  const client = useMemo(
    () =>
      token
        ? signedInClient(
            token,
            (message) => {
              session.signOut(message);
              setNotice(message);
              setToken(null);
            },
            organisationId,
          )
        : null,
    [token, organisationId],
  );
  const choice = useMemo<OrganisationChoice>(
    () => ({
      switchTo: (id) => {
        if (id === null) sessionStorage.removeItem(ORGANISATION_KEY);
        else sessionStorage.setItem(ORGANISATION_KEY, id);
        setOrganisationId(id);
      },
      refresh: () => setOrganisationsRound((round) => round + 1),
    }),
    [],
  );

  if (!client) {
    return (
      <SignInPage
        notice={notice}
        onSignedIn={(fresh, account: Account) => {
          session.signIn(fresh);
          sessionStorage.setItem(ACCOUNT_KEY, account.account_id);
          sessionStorage.removeItem(ORGANISATION_KEY);
          setOrganisationId(null);
          setAccountId(account.account_id);
          setNotice(null);
          setToken(fresh);
        }}
      />
    );
  }
  return (
    <ApiProvider client={client}>
      <OrganisationProvider choice={choice}>
        <Layout
          path={path}
          accountId={accountId}
          organisationsRound={organisationsRound}
          onSignOut={() => {
            session.signOut('You signed out.');
            sessionStorage.removeItem(ORGANISATION_KEY);
            setNotice('You signed out.');
            setToken(null);
          }}
        >
          <ErrorBoundary key={`${path} ${organisationId ?? ''}`}>{pageFor(path)}</ErrorBoundary>
        </Layout>
      </OrganisationProvider>
    </ApiProvider>
  );
}
