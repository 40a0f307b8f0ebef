import { describeStartFailure } from '../../src/verify/behaviour/describeStartFailure';

describe('describeStartFailure', () => {
  it('names a package the app needs that is not installed (CommonJS and ESM wording)', () => {
    expect(describeStartFailure('original', "Error: Cannot find module 'express'\nRequire stack:\n- /app/server.js")).toBe(
      "the original app did not start: package 'express' is not installed (run npm install in the app, then re-run verify)",
    );
    expect(describeStartFailure('migrated', "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@aws-sdk/lib-dynamodb' imported from /app/db.mjs")).toBe(
      "the migrated app did not start: package '@aws-sdk/lib-dynamodb' is not installed (run npm install in the app, then re-run verify)",
    );
  });

  it('does not blame npm install for a missing file of the app or another failure', () => {
    expect(describeStartFailure('migrated', "Error: Cannot find module './dynamodb'")).toBe('the migrated app did not start');
    expect(describeStartFailure('original', 'not listening after 30 s')).toBe('the original app did not start');
  });
});
