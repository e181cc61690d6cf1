/** What an API key may be allowed to do; a key without scopes may do all of it. */
export const API_KEY_SCOPES = [
  'tasks:write',
  'tasks:read',
  'quotes',
  'balances:read',
  'ledger:read',
  'usage:read',
  'catalog:read',
  'orders:write',
  'orders:read',
  'account:read',
  'webhooks:write',
  'webhooks:read',
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * The one table of which scope each operation an API key may call needs (the README
 * shows it). Operations absent here are not for API keys at all (keys, members, finance,
 * the subscription); `authorise` (operation-roles.ts) applies it.
 */
export const OPERATION_SCOPES = {
  quote: 'quotes',
  createTask: 'tasks:write',
  createBatch: 'tasks:write',
  cancelTask: 'tasks:write',
  adoptTask: 'tasks:write',
  getTask: 'tasks:read',
  listTasks: 'tasks:read',
  balances: 'balances:read',
  ledger: 'ledger:read',
  usage: 'usage:read',
  utilisation: 'usage:read',
  account: 'account:read',
  catalog: 'catalog:read',
  placeOrder: 'orders:write',
  confirmSandboxPayment: 'orders:write',
  refundOrder: 'orders:write',
  refundRenewal: 'orders:write',
  getOrder: 'orders:read',
  receipts: 'orders:read',
  manageWebhookEndpoints: 'webhooks:write',
  readWebhookEndpoints: 'webhooks:read',
  balanceAlerts: 'balances:read',
  setBalanceAlerts: 'webhooks:write',
  autoTopUp: 'orders:read',
  setAutoTopUp: 'orders:write',
} as const satisfies Record<string, ApiKeyScope>;

export type ScopedOperation = keyof typeof OPERATION_SCOPES;

export const isApiKeyScope = (value: string): value is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(value);
