import { DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_SCHEME, APP_USER_SCHEME } from './api-docs';
import { RATE_LIMIT_HEADER, RATE_LIMIT_POLICY_HEADER } from './rate-limits/rate-limit-headers';

/** Where the checked-in document says the gateway is when no public URL is configured: `npm start` on its default port. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** Alphabetical, as Spectral's `openapi-tags-alphabetical` wants them. */
const TAGS: readonly (readonly [string, string])[] = [
  ['api-keys', 'API keys, managed by a signed-in app user'],
  ['credits', 'Balances, the ledger, usage, the account’s plan and the catalog'],
  ['finance', 'Statements, balances as of an instant, liability and verification (role `finance`)'],
  ['operations', 'Health and metrics'],
  ['orders', 'Orders for credit packs and plans, paid through the payment provider'],
  ['organisation', 'The caller’s organisation: members, roles and invitations (signed-in members only)'],
  ['tasks', 'Quotes, tasks, batches and utilisation: each draws on the pool of the caller’s channel'],
  ['webhook-endpoints', 'Outgoing webhooks: the account’s endpoints, their signing secrets and delivery log'],
  ['webhooks', 'Signed notifications from the payment and generation providers'],
];

const HEADERS = {
  [RATE_LIMIT_POLICY_HEADER]: {
    description: 'The caller’s quota policy (draft-ietf-httpapi-ratelimit-headers): its name, `q` requests per window of `w` seconds, e.g. `"per-api-key";q=100;w=60`',
    schema: { type: 'string' },
  },
  [RATE_LIMIT_HEADER]: {
    description: 'What is left of the quota (draft-ietf-httpapi-ratelimit-headers): the policy’s name, `r` requests remaining, `t` seconds until the quota is whole, e.g. `"per-api-key";r=42;t=17`',
    schema: { type: 'string' },
  },
  'Retry-After': { description: 'Seconds to wait before a retry can succeed', schema: { type: 'integer', minimum: 1 } },
  'WWW-Authenticate': { description: 'The challenge: `Bearer realm="billing"`, with `error="invalid_token"` when the credential sent was refused', schema: { type: 'string' } },
} as const;

/** What the document says about the API as a whole; `publicUrl` is the gateway's address as clients reach it. */
export function openApiConfig(publicUrl: string): Omit<OpenAPIObject, 'paths'> {
  const builder = new DocumentBuilder()
    .setTitle('Credits billing API')
    .setDescription(
      'Credits for AI video generation. Authenticate with `Authorization: Bearer <API key or token>`: an API key draws on the API pool, ' +
        'a signed-in app user (JWT) on the App pool. Credits are numbers with at most three decimals; money is integer cents with a currency. ' +
        'Every error is RFC 9457 problem details (`application/problem+json`) with a stable `type`. Authenticated answers carry the caller’s ' +
        'rate limit in `RateLimit` and `RateLimit-Policy`.',
    )
    .setVersion('1')
    .addServer(publicUrl, 'The billing gateway')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'bk_<key id>_<secret>', description: 'An API key: its tasks draw on the API pool' }, API_KEY_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A signed-in app user’s token: its tasks draw on the App pool' }, APP_USER_SCHEME);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = builder.build();
  // Not open source: the license names the terms (package.json says UNLICENSED) and links none.
  const license = { name: 'Proprietary: for the platform’s customers and integrators' };
  return { ...document, info: { ...document.info, license, contact: { name: 'Billing platform team', url: `${publicUrl}/docs` } } };
}

type Operation = { security?: unknown[]; responses?: Record<string, { headers?: Record<string, unknown> }> };

/**
 * Completes what decorators cannot say: a public operation declares that it needs no
 * credential (`security: []`), and every answer of an authenticated one that passed
 * authentication documents the rate-limit headers it carries.
 */
export function completedDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, headers: { ...document.components?.headers, ...HEADERS } };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !operation.responses) continue;
      if (!operation.security || operation.security.length === 0) {
        operation.security = [];
        continue;
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '401') continue;
        response.headers = { ...response.headers, ...rateLimitHeaderRefs() };
      }
    }
  }
  return document;
}

const rateLimitHeaderRefs = () => ({
  [RATE_LIMIT_HEADER]: { $ref: `#/components/headers/${RATE_LIMIT_HEADER}` },
  [RATE_LIMIT_POLICY_HEADER]: { $ref: `#/components/headers/${RATE_LIMIT_POLICY_HEADER}` },
});
