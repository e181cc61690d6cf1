import { BillingClient } from '@billing/sdk';
import { sentenceFor } from './problems';

/**
 * The gateway's public REST API through `@billing/sdk`, with the signed-in user's token,
 * acting in `organisationId` when one was chosen (else the token's): a 401 also tells the
 * app to go back to sign-in. Failures throw the SDK's BillingProblem.
 */
export const signedInClient = (token: string, onUnauthorized: (message: string) => void, organisationId?: string | null): BillingClient =>
  new BillingClient({
    baseUrl: '',
    credential: token,
    ...(organisationId ? { organisationId } : {}),
    onProblem: (problem) => problem.status === 401 && onUnauthorized(sentenceFor(problem.problem)),
  });

/** A call with another credential (a token being tried at sign-in, an API key the user pasted): its 401 signs no one out. */
export const clientWith = (credential: string): BillingClient => new BillingClient({ baseUrl: '', credential });
