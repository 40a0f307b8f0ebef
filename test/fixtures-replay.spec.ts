/**
 * Every fixtures/<name>/fixture.json describes its own app: replayed against the original app
 * (on a copy), every request gets the expected status and body.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, describeMismatches, listFixtures, loadFixture, removeCopy, replayRequests, startApp, stopAllApps } from './support/replay';

const fixtures = listFixtures();
/** Scan-only fixtures (runtime "none") have nothing to replay. */
const runnable = fixtures.filter((name) => !isScanOnly(name));

function isScanOnly(name: string): boolean {
  const fixturePath = path.join(__dirname, '..', 'fixtures', name, 'fixture.json');
  return JSON.parse(fs.readFileSync(fixturePath, 'utf8')).runtime?.kind === 'none';
}

afterAll(stopAllApps);

test('fixtures are found', () => {
  expect(fixtures.length).toBeGreaterThan(0);
});

describe.each(runnable)('fixture %s', (name) => {
  test('its request list matches the original app', async () => {
    const fixture = await loadFixture(name);
    expect(fixture.requests.length).toBeGreaterThan(0);
    const dir = await copyFixture(name);
    try {
      const app = await startApp(dir, fixture);
      try {
        const results = await replayRequests(app, fixture);
        expect(results).toHaveLength(fixture.requests.length);
        const mismatches = describeMismatches(results);
        if (mismatches.length > 0) mismatches.push(`--- app stderr ---\n${app.output().stderr.slice(-2000)}`);
        expect(mismatches).toEqual([]);
      } finally {
        await app.stop();
      }
    } finally {
      // KEEP_FIXTURE_COPIES=1 leaves the copy (and the data files the app wrote) for a look after a failure.
      if (!process.env.KEEP_FIXTURE_COPIES) await removeCopy(dir);
    }
  });
});
