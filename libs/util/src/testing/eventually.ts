/**
 * Polls until `check` holds. After `timeoutMillis` it fails, naming what it waited for:
 * `what`, else the check's own source.
 */
export async function eventually(check: () => boolean | Promise<boolean>, what?: string, timeoutMillis = 20_000): Promise<void> {
  await poll(check, isTrue, what ?? describe(check), timeoutMillis, 10);
}

/**
 * Reads until `until` holds of the value read, and returns that value (a reply, a list...).
 * After `timeoutMillis` it fails with what it waited for and the last value read.
 */
export async function eventuallyValue<T>(read: () => T | Promise<T>, until: (value: T) => boolean, what?: string, timeoutMillis = 20_000): Promise<T> {
  return poll(read, until, what ?? describe(until), timeoutMillis, 20);
}

const isTrue = (value: boolean) => value;

/** A function's source, shortened: the failure names the condition even when nobody did. */
const describe = (condition: (...args: never[]) => unknown) => String(condition).replace(/\s+/g, ' ').slice(0, 200);

async function poll<T>(read: () => T | Promise<T>, until: (value: T) => boolean, what: string, timeoutMillis: number, everyMillis: number): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) {
      const last = typeof value === 'boolean' ? '' : `; last value: ${JSON.stringify(value)?.slice(0, 500)}`;
      throw new Error(`timed out after ${timeoutMillis} ms waiting for ${what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMillis));
  }
}
