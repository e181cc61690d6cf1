import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type CsvValue = string | number | boolean | null | undefined;

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cell = (value: CsvValue): string => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Writes `<name>.json` and `<name>.csv` into `dir` (created if needed); returns both paths. */
export function writeReport(dir: string, name: string, json: unknown, csv: string): { json: string; csv: string } {
  mkdirSync(dir, { recursive: true });
  const paths = { json: join(dir, `${name}.json`), csv: join(dir, `${name}.csv`) };
  writeFileSync(paths.json, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(paths.csv, csv);
  return paths;
}
