/** Table names are spliced into SQL, so only plain identifiers pass. */
export function assertTableName(table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid table name: ${table}`);
  return table;
}
