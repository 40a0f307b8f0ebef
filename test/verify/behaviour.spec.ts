/**
 * verify's behaviour check and cost report on real apps: each fixture is copied into its own git
 * repository (the original committed), migrated with plan + apply, and verified against dynalite.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVerify, type VerifyResult } from '../../src/commands/verify';
import { checkBehaviour } from '../../src/verify/behaviour/checkBehaviour';
import type { TableDesign } from '../../src/model/table-design';
import { removeCopy } from '../support/fixture-files';
import { stopAllApps } from '../support/start-app';
import { capture, git, migratedFixture } from './support/migratedFixture';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';
jest.setTimeout(300_000);

const copies: string[] = [];
afterAll(async () => {
  await stopAllApps();
  if (!process.env.KEEP_FIXTURE_COPIES) for (const dir of copies) await removeCopy(dir);
});

async function migrated(name: string, beforeCommit?: (dir: string) => void): Promise<string> {
  const dir = await migratedFixture(name, beforeCommit);
  copies.push(dir);
  return dir;
}

async function verifyJson(dir: string, options: { original?: string } = {}): Promise<{ code: number; result: VerifyResult; stderr: string }> {
  const out = capture();
  const err = capture();
  const code = await runVerify({ dir, json: true, ...options, stdout: out.stream, stderr: err.stream });
  return { code, result: JSON.parse(out.text()) as VerifyResult, stderr: err.text() };
}

const byName = (result: VerifyResult) => Object.fromEntries(result.checks.map((check) => [check.name, check]));
const design = (dir: string): TableDesign => JSON.parse(readFileSync(join(dir, '.migration', 'dynamodb.json'), 'utf8'));

/** Replaces one exact snippet of a migrated file (fails loudly when apply's output changed shape). */
function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}:\n${text}`);
  writeFileSync(path, text.replace(from, to));
}

describe('verify: behaviour check and cost report', () => {
  it('express-notes-array after plan + apply: same answers as the original at git HEAD, one GetItem per read by id, plan marked complete, summary', async () => {
    const dir = await migrated('express-notes-array');
    const { code, result } = await verifyJson(dir);
    const checks = byName(result);
    expect(checks.behaviour).toMatchObject({ status: 'pass', reason: expect.stringContaining('17 request(s) from fixture.json, original from git HEAD') });
    expect(checks.cost.status).toBe('pass');
    expect(code).toBe(0);
    const requests = result.behaviour!.requests;
    expect(requests).toHaveLength(17);
    expect(requests.every((request) => request.differences.length === 0)).toBe(true);
    const read = requests.find((request) => request.name === 'read a seeded note (string param == number id)')!;
    expect(read).toMatchObject({ handler: 'GET /api/notes/:id', original: { status: 200 }, migrated: { status: 200 }, calls: ['GetItem Notes'] });
    const create = requests.find((request) => request.name === 'create a note')!;
    expect(create.calls).toEqual(['UpdateItem Counters', 'PutItem Notes']);
    expect(requests.find((request) => request.name === 'create without a title is rejected')!.calls).toEqual([]);
    expect(result.behaviour!.totals.Scan).toBe(3);
    expect(result.markedComplete).toBe(true);
    expect(readFileSync(join(dir, '.migration', 'plan.md'), 'utf8')).toMatch(/\*\*Status: complete\*\*/);
    expect(result.summary!.tables[0]).toMatch(/^Notes: partition key id \(number\)/);
    expect(result.summary!.handler).toMatchObject({ id: 'GET /api/notes/:id', file: 'server.js' });
    expect(result.summary!.handler!.diff.join('\n')).toMatch(/^\+.*new GetCommand\(\{ TableName: NOTES_TABLE_NAME/m);
    expect(result.summary!.handler!.diff.join('\n')).not.toMatch(/let notes = \[/); // only that route, not the whole file
    expect(result.summary!.iam).toContain('GET /api/notes/:id: dynamodb:GetItem on Notes');
    // the original's copy is gone again
    expect(existsSync(join(dir, '.migration', 'verify'))).toBe(false);
  });

  it('lambda-notes-cdk after plan + apply: the handlers run behind the Lambda runner; uuid ids may differ, nothing else does', async () => {
    const dir = await migrated('lambda-notes-cdk');
    const { code, result } = await verifyJson(dir);
    const checks = byName(result);
    expect(checks.behaviour).toMatchObject({ status: 'pass', reason: expect.stringContaining('ids allowed to differ: id') });
    expect(checks.cost.status).toBe('pass');
    expect(code).toBe(0);
    const reads = result.behaviour!.requests.filter((request) => request.handler === 'infrastructure/lambda/getNote.ts#handler');
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read.calls).toEqual(['GetItem Notes']);
    expect(result.markedComplete).toBe(true);
  });

  it('FAILS with the difference when the migrated code answers a missing note with the wrong status', async () => {
    const dir = await migrated('express-notes-array');
    edit(dir, 'server.js', "return res.status(404).json({ message: 'Note not found' });", "return res.status(200).json({ message: 'Note not found' });");
    const out = capture();
    const code = await runVerify({ dir, stdout: out.stream, stderr: capture().stream });
    expect(code).toBe(1);
    expect(out.text()).toMatch(/FAIL behaviour: \d+ of 17 answer\(s\) differ from the original/);
    expect(out.text()).toMatch(/3\. read a missing note \(GET \/api\/notes\/999\)\n\s+status: original 404, migrated 200/);
    expect(out.text()).toMatch(/verify: some checks failed/);
    expect(out.text()).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(readFileSync(join(dir, '.migration', 'plan.md'), 'utf8')).toMatch(/\*\*Status: pending\*\*/);
  });

  it('FAILS the cost report when a read by id is turned into a Scan (the answers stay right)', async () => {
    const dir = await migrated('express-notes-array');
    edit(
      dir,
      'server.js',
      'const { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }));',
      'const note = (await scanAll({ TableName: NOTES_TABLE_NAME })).find((candidate) => candidate.id === Number(req.params.id));',
    );
    const { code, result } = await verifyJson(dir);
    const checks = byName(result);
    // the whole check on failure, so a difference seen only under load says what it was
    expect(checks.behaviour).toMatchObject({ status: 'pass' });
    expect(checks.cost).toMatchObject({ status: 'fail', reason: expect.stringMatching(/^\d+ request\(s\) cost more than the design plans/) });
    expect(checks.cost.details!.join('\n')).toContain('PROBLEM a read by id costs Scan Notes; at most one GetItem expected');
    expect(checks.cost.details!.join('\n')).toContain('PROBLEM Scan of Notes where the design serves GET /api/notes/:id with GetItem Notes');
    const read = result.behaviour!.requests.find((request) => request.path === '/api/notes/2')!;
    expect(read.calls).toEqual(['Scan Notes']);
    expect(code).toBe(1);
    expect(result.markedComplete).toBeUndefined();
  });

  it('without fixture.json: derives create, read back, list, update, delete requests from the routes scan found', async () => {
    const dir = await migrated('express-notes-array', (copy) => rmSync(join(copy, 'fixture.json')));
    const outcome = await checkBehaviour(dir, design(dir));
    expect(outcome.checks.map((check) => [check.name, check.status])).toEqual([['behaviour', 'pass'], ['cost', 'pass']]);
    expect(outcome.report!.requestsFrom).toBe('routes');
    expect(outcome.report!.requests.map((request) => `${request.name}: ${request.original.status}/${request.migrated.status} ${request.calls.join(' + ')}`)).toEqual([
      'create a Note: 201/201 UpdateItem Counters + PutItem Notes',
      'read the Note back: 200/200 GetItem Notes',
      'read a Note that does not exist: 404/404 GetItem Notes',
      'list Note records: 200/200 Scan Notes',
      'update the Note: 200/200 GetItem Notes + UpdateItem Notes',
      'read the updated Note: 200/200 GetItem Notes',
      'delete the Note: 200/200 DeleteItem Notes',
      'read the deleted Note: 404/404 GetItem Notes',
    ]);
  });

  it('once the migration is committed, HEAD is no original: skipped with what to do; --original HEAD~1 compares again', async () => {
    const dir = await migrated('express-notes-array');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'migrate to DynamoDB');
    const skipped = await checkBehaviour(dir, design(dir));
    expect(skipped.checks[0]).toMatchObject({ name: 'behaviour', status: 'skip', reason: expect.stringContaining('HEAD~1') });
    const compared = await checkBehaviour(dir, design(dir), { original: 'HEAD~1' });
    expect(compared.checks[0]).toMatchObject({ status: 'pass', reason: expect.stringContaining('original from git HEAD~1') });
  });
});
