const TOKEN_KEY = 'billing-dashboard-token';
const NOTICE_KEY = 'billing-dashboard-notice';

/** The signed-in user's token lives in sessionStorage: gone when the tab closes. */
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string): void => {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.removeItem(NOTICE_KEY);
  },
  signOut: (notice?: string): void => {
    sessionStorage.removeItem(TOKEN_KEY);
    if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
  },
  /** Why the user was sent back to sign-in, shown once. */
  takeNotice: (): string | null => {
    const notice = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
    return notice;
  },
};
