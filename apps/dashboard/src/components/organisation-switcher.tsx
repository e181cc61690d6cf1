import { BillingProblem } from '@billing/sdk';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { messageOf } from '../api/problems';
import type { OrganisationSummary } from '../api/types';
import { useApi } from '../api/use-api';

/** What a page may ask of the switcher: act in another organisation, or read the list again (one was created or joined). */
export interface OrganisationChoice {
  switchTo(organisationId: string | null): void;
  refresh(): void;
}

const OrganisationContext = createContext<OrganisationChoice | null>(null);

export function OrganisationProvider(props: { readonly choice: OrganisationChoice; readonly children: ReactNode }) {
  return <OrganisationContext.Provider value={props.choice}>{props.children}</OrganisationContext.Provider>;
}

export function useOrganisationChoice(): OrganisationChoice {
  const choice = useContext(OrganisationContext);
  if (!choice) throw new Error('useOrganisationChoice outside OrganisationProvider');
  return choice;
}

/** An organisation as the switcher names it: its name, else its id (a user's own has no name). */
export const organisationLabel = (organisation: OrganisationSummary): string => `${organisation.name ?? organisation.id} (${organisation.role})`;

/**
 * The organisations the signed-in user belongs to (`GET /v1/organisations`); choosing one
 * makes every later call act in it (`X-Organisation-Id`), so balances, keys and the team
 * follow. One the user may no longer act in (removed, or it left) falls back to their own.
 */
export function OrganisationSwitcher(props: { readonly round: number }) {
  const api = useApi();
  const choice = useOrganisationChoice();
  const [organisations, setOrganisations] = useState<readonly OrganisationSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.organisations.list().then(
      (list) => {
        if (!live) return;
        setOrganisations(list.organisations);
        setError(null);
      },
      (failure: unknown) => {
        if (!live) return;
        if (failure instanceof BillingProblem && failure.status === 403 && api.options.organisationId !== undefined) choice.switchTo(null);
        else setError(messageOf(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [api, choice, props.round]);
  const current = organisations.find((organisation) => organisation.current);
  if (error) return <span className="error">{error}</span>;
  if (!current) return null;
  return (
    <span className="switcher">
      <label htmlFor="organisation-switcher">Organisation</label>
      <select id="organisation-switcher" value={current.id} onChange={(e) => choice.switchTo(e.target.value)}>
        {organisations.map((organisation) => (
          <option key={organisation.id} value={organisation.id}>
            {organisationLabel(organisation)}
          </option>
        ))}
      </select>
    </span>
  );
}
