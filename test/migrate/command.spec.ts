/** The command module: progress on a TTY vs plain lines, usage errors as one line with exit 2. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runMigrateData } from '../../src/commands/migrate-data';
import { removeCopy, TMP_DIR } from '../support/fixture-files';
import { createSink, prepareFixture, runCommand, startDynalite, type LocalDynamo } from './support/local';

let local: LocalDynamo;
let dir: string;

beforeAll(async () => {
  local = await startDynalite();
  dir = await prepareFixture('express-products-json-require');
});
afterAll(async () => {
  await local.stop();
  await removeCopy(dir);
});

describe('migrate-data command', () => {
  it('on a TTY redraws one progress line with records/s; otherwise prints plain lines', async () => {
    const stdout = createSink();
    const stderr = createSink(true);
    expect(await runMigrateData({ dir, endpoint: local.endpoint, createTables: true, stdout, stderr })).toBe(0);
    expect(stderr.text()).toMatch(/\r\x1b\[2Kwriting: 6\/6 records, \d+ records\/s/);
    expect(stdout.text()).toMatch(/^\ntable\s+source\s+written\s+verified\n/);

    const plain = await runCommand({ dir, endpoint: local.endpoint });
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('\r');
    expect(plain.stderr).toMatch(/^verifying: 6\/6 items, \d+ items\/s$/m);
  });

  it('answers usage problems in one line, exit 2, without a stack trace', async () => {
    const missing = await runCommand({ dir: path.join(dir, 'nope'), endpoint: local.endpoint });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `migrate-data: ${path.join(dir, 'nope')} is not a directory\n` });

    const bare = await fs.mkdtemp(path.join(TMP_DIR, 'migrate-bare-'));
    try {
      const noDesign = await runCommand({ dir: bare, endpoint: local.endpoint });
      expect(noDesign).toEqual({ code: 2, stdout: '', stderr: 'migrate-data: no table design (.migration/dynamodb.json); run `dynamodb-codemod plan` first\n' });
    } finally {
      await removeCopy(bare);
    }

    const noRegion = await runCommand({ dir, library: { env: { PATH: process.env.PATH } } });
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toContain('migrate-data: no AWS region: pass --region, set AWS_REGION, or give a local engine with --endpoint URL\n');

    expect(await runCommand({ dir, export: 'csv' })).toEqual({ code: 2, stdout: '', stderr: 'migrate-data: unknown --export csv (the only export is s3-import)\n' });
  });
});
