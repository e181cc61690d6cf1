import type { ApiKeyScope } from '../api/types';

/** Every scope a key can be given, in words (a scope missing here does not compile). */
const SCOPE_WORDS: Readonly<Record<ApiKeyScope, string>> = {
  'tasks:write': 'create, cancel and adopt tasks',
  'tasks:read': 'read tasks',
  quotes: 'price tasks',
  'balances:read': 'read balances',
  'ledger:read': 'read the ledger',
  'usage:read': 'read usage',
  'catalog:read': 'read the catalog',
  'orders:write': 'place and refund orders',
  'orders:read': 'read orders and receipts',
  'account:read': 'read the account',
  'webhooks:write': 'manage webhooks',
  'webhooks:read': 'read webhooks',
};

export const ALL_SCOPES = Object.keys(SCOPE_WORDS) as ApiKeyScope[];

/** Ticks for a new key's scopes; none ticked: every scope. */
export function KeyScopesField(props: { readonly chosen: ReadonlySet<ApiKeyScope>; readonly onChange: (chosen: ReadonlySet<ApiKeyScope>) => void }) {
  const toggle = (scope: ApiKeyScope, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(scope);
    else next.delete(scope);
    props.onChange(next);
  };
  return (
    <fieldset className="scopes">
      <legend>Scopes (none ticked: the key may do everything)</legend>
      {ALL_SCOPES.map((scope) => (
        <label key={scope} className="check" title={SCOPE_WORDS[scope]}>
          <input type="checkbox" checked={props.chosen.has(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
          <span className="mono">{scope}</span>
        </label>
      ))}
    </fieldset>
  );
}
