/**
 * The migrated app makes only the DynamoDB calls its IAM grants: verify's behaviour check (the
 * original at git HEAD and the migrated copy answer the fixture's requests side by side, the
 * migrated one through a counting proxy) judges every call against the handler's grants in
 * .migration/dynamodb.json. dynalite has no IAM, so an ungranted call only shows up here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableDesign } from '../../src/model/table-design';
import { checkBehaviour } from '../../src/verify/behaviour/checkBehaviour';
import { removeCopy } from '../support/fixture-files';
import { stopAllApps } from '../support/start-app';
import { migratedFixture } from '../verify/support/migratedFixture';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(180_000);

afterAll(() => stopAllApps());

describe('calls of the migrated app against its grants', () => {
  // the app probes `while (users[id])` for a free Date.now() id; the plan makes uuids, so the probe goes with it
  it('express-users-object-map: every call of every request is granted to its handler, answers as the original', async () => {
    const dir = await migratedFixture('express-users-object-map');
    try {
      const design = JSON.parse(readFileSync(join(dir, '.migration', 'dynamodb.json'), 'utf8')) as TableDesign;
      const { checks, report } = await checkBehaviour(dir, design);
      const problems = (report?.requests ?? []).flatMap((request) => request.costProblems.map((problem) => `${request.method} ${request.path}: ${problem}`));
      expect(problems).toEqual([]);
      expect(checks.map((check) => [check.name, check.status, check.status === 'pass' ? '' : (check.details ?? []).join('\n')])).toEqual([
        ['behaviour', 'pass', ''],
        ['cost', 'pass', ''],
      ]);
      const creates = report!.requests.filter((request) => request.handler === 'POST /api/users' && request.migrated.status === 201);
      expect(creates.length).toBeGreaterThan(0);
      for (const create of creates) expect(create.calls).not.toContain('GetItem Users');
    } finally {
      if (!process.env.KEEP_FIXTURE_COPIES) await removeCopy(dir);
    }
  });
});
