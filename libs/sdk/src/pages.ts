/** A page of a cursor listing: its items, and the cursor of the next page (null on the last). */
export interface Page<Item, Cursor> {
  readonly items: readonly Item[];
  readonly next: Cursor | null;
}

/** Every item of a cursor listing, page after page (`after` = the last page's `next`), read only as far as the caller iterates. */
export async function* itemsOf<Item, Cursor>(readPage: (after: Cursor | undefined) => Promise<Page<Item, Cursor>>): AsyncGenerator<Item, void, undefined> {
  let after: Cursor | undefined;
  do {
    const page = await readPage(after);
    yield* page.items;
    after = page.next ?? undefined;
  } while (after !== undefined);
}
