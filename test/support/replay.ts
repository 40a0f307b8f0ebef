/**
 * The request-replay harness: copy a fixture app, start it, replay its fixture.json requests in
 * order (with captures and {{name}} substitution) and compare each response with its expectation.
 * Starting, replaying and matching live in src/verify/replay (verify uses them too); this module
 * adds the fixture files and keeps the harness's one import path.
 *
 *   const dir = await copyFixture('express-notes-array');
 *   const app = await startApp(dir, fixture, { DYNAMODB_ENDPOINT: url });
 *   try { const results = await replayRequests(app, fixture, { volatile: ['id'] }); }
 *   finally { await app.stop(); }
 */
export * from './fixture-types';
export { copyFixture, listFixtures, loadFixture, removeCopy, FIXTURES_DIR, REPO_ROOT, TMP_DIR } from './fixture-files';
export { matchExpected, readPath, substituteText, substituteVars } from './match-expected';
export type { MatchOptions, Vars } from './match-expected';
export { getFreePort, startApp, stopAllApps } from './start-app';
export type { RunningApp, StartOptions } from './start-app';
export { describeMismatches, replayOne, replayRequests, sendRequest } from '../../src/verify/replay/replayRequests';
export type { ReplayOptions, ReplayResult } from '../../src/verify/replay/replayRequests';
