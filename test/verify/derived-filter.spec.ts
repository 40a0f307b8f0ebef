/**
 * A derived filter request sets the query parameter the handler reads (scan's `inputs`), not the
 * attribute's name: fastify-episodes-class-map filters `title` by `request.query.search`, so
 * `?title=…` was ignored and the "filter" answered every episode.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TableDesign } from '../../src/model/table-design';
import { scan } from '../../src/scan';
import { checkBehaviour } from '../../src/verify/behaviour/checkBehaviour';
import { deriveRequests } from '../../src/verify/behaviour/deriveRequests';
import { copyFixture, loadFixture, removeCopy, REPO_ROOT, replayRequests, startApp, stopAllApps } from '../support/replay';
import { migratedFixture } from './support/migratedFixture';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';
jest.setTimeout(300_000);

const readDesign = (file: string): TableDesign => JSON.parse(readFileSync(file, 'utf8'));

async function filterRequests(fixture: string): Promise<string[]> {
  const dir = join(REPO_ROOT, 'fixtures', fixture);
  const { requests } = deriveRequests(await scan(dir), readDesign(join(dir, 'expected-design.json')));
  return requests.filter((request) => request.name.startsWith('filter')).map((request) => `${request.name}: ${request.path}`);
}

const copies: string[] = [];
afterAll(async () => {
  await stopAllApps();
  if (!process.env.KEEP_FIXTURE_COPIES) for (const dir of copies) await removeCopy(dir);
});

describe('derived filter requests', () => {
  it('set the parameter the handler reads (?search= for a title filter), once with the created value and once with a value no record has', async () => {
    expect(await filterRequests('fastify-episodes-class-map')).toEqual([
      'filter Episode records by title: /episodes?search=verify%20title',
      'filter Episode records by a title no record has: /episodes?search=verify-no-match',
    ]);
  });

  it('follow a helper to the handler that passes it the parameter (`const { q, rate } = req.query` → searchSpeakers(q, rate))', async () => {
    expect(await filterRequests('express-speakers-json-promises')).toEqual([
      'filter Speaker records by name: /speakers/search?q=verify%20name',
      'filter Speaker records by a name no record has: /speakers/search?q=verify-no-match',
    ]);
  });

  it('reach the filter: the original finds the created episode by its title and none by another, and the migrated app answers the same', async () => {
    const original = await copyFixture('fastify-episodes-class-map');
    copies.push(original);
    const fixture = await loadFixture(original);
    const { requests, vars } = deriveRequests(await scan(original), readDesign(join(original, 'expected-design.json')));
    const app = await startApp(original, fixture);
    let answers: Record<string, unknown>;
    try {
      const results = await replayRequests(app, { requests }, { vars, checkExpectations: false });
      answers = Object.fromEntries(results.map((result) => [result.name, result.body]));
    } finally {
      await app.stop();
    }
    expect(answers['filter Episode records by title']).toEqual([expect.objectContaining({ title: 'verify title' })]);
    expect(answers['filter Episode records by a title no record has']).toEqual([]);

    const dir = await migratedFixture('fastify-episodes-class-map', (copy) => rmSync(join(copy, 'fixture.json')));
    copies.push(dir);
    const outcome = await checkBehaviour(dir, readDesign(join(dir, '.migration', 'dynamodb.json')));
    expect(outcome.checks.map((check) => [check.name, check.status])).toEqual([['behaviour', 'pass'], ['cost', 'pass']]);
    const filters = outcome.report!.requests.filter((request) => request.name.startsWith('filter'));
    expect(filters.map((request) => `${request.name}: ${request.original.status}/${request.migrated.status} ${request.differences.length}`)).toEqual([
      'filter Episode records by title: 200/200 0',
      'filter Episode records by a title no record has: 200/200 0',
    ]);
  });
});
