/**
 * migrate-data in a process of its own, so a test can kill it mid-run:
 * node --import tsx run-migrate-data.ts <dir> <endpoint> <concurrency>
 */
import { runMigrateData } from '../../../src/commands/migrate-data';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const [dir, endpoint, concurrency] = process.argv.slice(2);
runMigrateData({ dir, endpoint, createTables: true, json: true, concurrency: Number(concurrency) || 1 }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(99);
  },
);
