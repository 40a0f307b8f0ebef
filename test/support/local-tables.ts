/**
 * A fresh local engine (dynalite on 127.0.0.1) holding a design's tables for every test of the
 * describe block that calls `useLocalTables`: started and its tables created before each test,
 * stopped after it, so no test sees another's items.
 *
 *   const tables = useLocalTables(design);
 *   it('…', async () => {
 *     const result = await tables.runScript(folder, 'check.cjs');   // a child process on the engine
 *     await tables.local.doc.send(…);                                // or the engine from the test
 *   });
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TableDesign } from '../../src/model/table-design';
import { createTables, startLocalDynamo, type LocalDynamo } from '../apply/support/local-dynamodb';

const run = promisify(execFile);

export interface LocalTables {
  /** This test's engine: its endpoint and a document client. Only inside a test. */
  readonly local: LocalDynamo;
  /** The environment of a child process on this test's engine: DYNAMODB_ENDPOINT set, no AWS access key of the machine. */
  childEnv(): NodeJS.ProcessEnv;
  /**
   * Runs `node [...nodeArgs] script` in `cwd` on this test's engine and parses the last line it
   * prints as JSON (the script's result; anything printed before it is ignored).
   */
  runScript<T = Record<string, unknown>>(cwd: string, script: string, nodeArgs?: string[]): Promise<T>;
}

export function useLocalTables(design: TableDesign): LocalTables {
  let current: LocalDynamo | undefined;
  beforeEach(async () => {
    current = await startLocalDynamo();
    await createTables(current, design);
  });
  afterEach(async () => {
    const engine = current;
    current = undefined;
    await engine?.stop();
  });
  const local = (): LocalDynamo => {
    if (!current) throw new Error('useLocalTables: the local engine runs only inside a test (beforeEach starts it)');
    return current;
  };
  const childEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, DYNAMODB_ENDPOINT: local().endpoint, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    delete env.AWS_ACCESS_KEY_ID;
    return env;
  };
  return {
    get local() {
      return local();
    },
    childEnv,
    runScript: async <T>(cwd: string, script: string, nodeArgs: string[] = []): Promise<T> => {
      const { stdout } = await run(process.execPath, [...nodeArgs, script], { cwd, env: childEnv() });
      return JSON.parse(stdout.trim().split('\n').pop()!) as T;
    },
  };
}
