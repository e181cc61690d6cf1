/**
 * Why an organisation refuses a command. `not_found` is one answer for a member, an
 * invitation or an organisation that does not exist and for one the caller may not see.
 */
export type OrganisationRefusal = 'not_found' | 'last_owner' | 'already_member' | 'owner_only';

export class OrganisationError extends Error {
  constructor(
    readonly refusal: OrganisationRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'OrganisationError';
  }
}
