import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedded } from '../testing/embedded';

/* Start-up on a data directory that cannot hold the platform's files: the error names the file or directory and why. */
describe('the embedded platform started on a data directory it cannot use', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'data-directory-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given DATA_DIR under a regular file, then the start stops naming the directory and the file in the way', async () => {
    writeFileSync(join(dir, 'file'), 'not a directory');
    const dataDir = join(dir, 'file', 'data');
    await expect(startEmbedded(dataDir)).rejects.toThrow(`the data directory (DATA_DIR) cannot be used: ${dataDir} cannot be a directory: ${join(dir, 'file')} is a file`);
  });

  it('given DATA_DIR that is a file, then the start stops saying so', async () => {
    writeFileSync(join(dir, 'data'), 'not a directory');
    await expect(startEmbedded(join(dir, 'data'))).rejects.toThrow(`the data directory (DATA_DIR) cannot be used: ${join(dir, 'data')} is a file, not a directory`);
  });

  it('given a directory where a service\'s database file should be, then the start stops naming that file and its directory, not "unable to open database file" alone', async () => {
    mkdirSync(join(dir, 'wallet.events.db'));
    await expect(startEmbedded(dir)).rejects.toThrow(`cannot open wallet.events.db in ${dir}: ${join(dir, 'wallet.events.db')} is a directory, not a database file`);
  });
});
