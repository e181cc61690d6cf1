import { useMemo, useState } from 'react';
import { signedInClient } from './api/client';
import type { Account } from './api/types';
import { ApiProvider } from './api/use-api';
import { ErrorBoundary } from './components/errors';
import { Layout } from './components/layout';
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

  const client = useMemo(
    () =>
      token
        ? signedInClient(token, (message) => {
            session.signOut(message);
            setNotice(message);
            setToken(null);
          })
        : null,
    [token],
  );

  if (!client) {
    return (
      <SignInPage
        notice={notice}
        onSignedIn={(fresh, account: Account) => {
          session.signIn(fresh);
          sessionStorage.setItem(ACCOUNT_KEY, account.account_id);
          setAccountId(account.account_id);
          setNotice(null);
          setToken(fresh);
        }}
      />
    );
  }
  return (
    <ApiProvider client={client}>
      <Layout
        path={path}
        accountId={accountId}
        onSignOut={() => {
          session.signOut('You signed out.');
          setNotice('You signed out.');
          setToken(null);
        }}
      >
        <ErrorBoundary key={path}>{pageFor(path)}</ErrorBoundary>
      </Layout>
    </ApiProvider>
  );
}
