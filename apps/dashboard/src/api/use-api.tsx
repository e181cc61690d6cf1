import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { BillingClient } from '@billing/sdk';
import { messageOf } from './problems';

const ApiContext = createContext<BillingClient | null>(null);

export function ApiProvider(props: { readonly client: BillingClient; readonly children: ReactNode }) {
  return <ApiContext.Provider value={props.client}>{props.children}</ApiContext.Provider>;
}

export function useApi(): BillingClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

export interface Loaded<T> {
  readonly data: T | null;
  /** The failure in words; null when the last load worked. */
  readonly error: string | null;
  readonly loading: boolean;
  reload(): void;
}

/** Loads with the signed-in client whenever `key` changes; `reload` loads again. */
export function useLoad<T>(load: (api: BillingClient) => Promise<T>, key: string): Loaded<T> {
  const api = useApi();
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  // The latest `load` (a new function each render); `key` says when what it loads changed.
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    latest.current(api).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState((previous) => ({ data: previous.data, error: messageOf(error), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [api, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
