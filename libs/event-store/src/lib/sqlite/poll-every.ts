/** Read-only stores cannot hear another process's writer: they poll. */
export const pollEvery = (millis: number) => (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, millis).unref());
