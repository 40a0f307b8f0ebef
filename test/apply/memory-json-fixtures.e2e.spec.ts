/**
 * apply, proved on a real engine: each memory/JSON fixture app is planned, migrated, started
 * against dynalite with its data loaded, and must answer the fixture's whole request list as the
 * original app did (fixture.json expectations, which the original app passes).
 */
import { describeMismatches, removeCopy, stopAllApps } from '../support/replay';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { migrateAndReplay, type MigrateOptions } from './support/migrate-fixture';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(120000);

/** terraform-lambda's one handler (HTTP API v2), inline JSON-file reads and writes; expectations from its code and quotes.json. */
const TERRAFORM_REQUESTS: MigrateOptions['runAs'] = {
  runtime: { kind: 'lambda', event: 'apigw-v2', routes: [{ method: 'GET', path: '/quotes', handler: 'src/handler.js#handler' }, { method: 'POST', path: '/quotes', handler: 'src/handler.js#handler' }] },
  requests: [
    { name: 'list quotes', method: 'GET', path: '/quotes', expect: { status: 200, body: [{ id: 1, author: 'Grace Hopper', text: "The most dangerous phrase in the language is: we've always done it this way." }, { id: 2, author: 'Alan Kay', text: 'The best way to predict the future is to invent it.' }] } },
    { name: 'one quote', method: 'GET', path: '/quotes?id=2', expect: { status: 200, body: { id: 2, author: 'Alan Kay', text: 'The best way to predict the future is to invent it.' } } },
    { name: 'missing quote', method: 'GET', path: '/quotes?id=9', expect: { status: 404, body: { message: 'quote not found' } } },
    { name: 'add a quote', method: 'POST', path: '/quotes', body: { author: 'Linus', text: 'Talk is cheap.' }, expect: { status: 201, body: { id: 3, author: 'Linus', text: 'Talk is cheap.' } } },
    { name: 'reject an empty quote', method: 'POST', path: '/quotes', body: { author: 'Nobody' }, expect: { status: 400, body: { message: 'author and text are required' } } },
    { name: 'read the new quote', method: 'GET', path: '/quotes?id=3', expect: { status: 200, body: { id: 3, author: 'Linus', text: 'Talk is cheap.' } } },
  ],
};

/** sst-minimal's three handlers (HTTP API v2 routes of sst.config.ts), in-memory array; starts empty. */
const SST_REQUESTS: MigrateOptions['runAs'] = {
  runtime: {
    kind: 'lambda',
    event: 'apigw-v2',
    routes: [
      { method: 'GET', path: '/links', handler: 'src/links.ts#list' },
      { method: 'POST', path: '/links', handler: 'src/links.ts#create' },
      { method: 'GET', path: '/links/{id}', handler: 'src/links.ts#get' },
    ],
  },
  requests: [
    { name: 'no links yet', method: 'GET', path: '/links', expect: { status: 200, body: [] } },
    { name: 'add a link', method: 'POST', path: '/links', body: { url: 'https://example.com' }, expect: { status: 201, body: { id: '{{*}}', url: 'https://example.com', createdAt: '{{*}}' } }, capture: { linkId: 'body.id' } },
    { name: 'reject a non-URL', method: 'POST', path: '/links', body: { url: 'ftp:x' }, expect: { status: 400, body: { error: 'url must be an http(s) URL' } } },
    { name: 'read it back', method: 'GET', path: '/links/{{linkId}}', expect: { status: 200, body: { id: '{{linkId}}', url: 'https://example.com', createdAt: '{{*}}' } } },
    { name: 'missing link', method: 'GET', path: '/links/nope', expect: { status: 404, body: { error: 'not found' } } },
    { name: 'list has it', method: 'GET', path: '/links', expect: { status: 200, body: [{ id: '{{linkId}}', url: 'https://example.com', createdAt: '{{*}}' }] } },
  ],
};

const FIXTURES: [string, MigrateOptions][] = [
  ['express-notes-array', {}],
  ['express-movies-models-esm', {}],
  ['express-bookmarks-json-sync', {}],
  ['express-todos-map', {}],
  ['express-users-object-map', {}],
  ['express-recipes-json-callback', {}],
  ['express-shortlinks-json-promises', { inspect: readTtl('Links', 'expiresAt') }],
  ['express-products-json-require', {}],
  ['ts-inventory-json-import', { typecheck: true }],
  ['lambda-notes-cdk', {}],
  ['lambda-sessions-nodejsfunction', { inspect: readTtl('Sessions', 'expiresAt') }],
  ['serverless-framework-api', {}],
  // users array + orders.json in one sloppy app.js: the for-index lookup loop, a JSON copy decorated but never saved
  ['messy-express-mixed', {}],
  // Fastify + TS layers: a class-field array seeded through its constructor from another module, a Map seeded with
  // .map(v => [v.id, v]), delete by `length < before`, services and routes awaited across files
  ['fastify-events-memory', { typecheck: true }],
  // the "DatabaseMemory" class style: a private `#episodes = new Map()` field whose values do not hold the key
  // (set(randomUUID(), episode)); the list rebuilds { id, ...episode } from entries()
  ['fastify-episodes-class-map', {}],
  // a helper module over a JSON file with fs.promises (bootcamp style): delete by filter-out-and-save, a substring
  // search (no GSI), a nested attribute changed in place, a handler that touches no data (not wrapped)
  ['express-speakers-json-promises', {}],
  // detection-only fixtures (not run by their fixture.json): their Lambda handlers are invoked here directly
  ['terraform-lambda', { runAs: TERRAFORM_REQUESTS }],
  ['sst-minimal', { runAs: SST_REQUESTS }],
];

afterAll(() => stopAllApps());

/** Raw items of a table: those with `source` set must hold floor(source in seconds) in the table's TTL attribute. */
function readTtl(tableName: string, source: string): MigrateOptions['inspect'] {
  return async (local, design) => {
    const table = design.tables.find((candidate) => candidate.name === tableName)!;
    const { Items = [] } = await local.doc.send(new ScanCommand({ TableName: tableName }));
    const withExpiry = Items.filter((item) => item[source] !== null && item[source] !== undefined);
    const seconds = (value: unknown) => Math.floor((typeof value === 'number' ? (value > 1e11 ? value : value * 1000) : Date.parse(String(value))) / 1000);
    const wrong = withExpiry.filter((item) => item[table.ttlAttribute!] !== seconds(item[source]));
    return { checked: withExpiry.length, wrong };
  };
}

describe.each(FIXTURES)('%s on dynalite after plan + apply', (name, options) => {
  it('applies cleanly and replays every request like the original', async () => {
    const run = await migrateAndReplay(name, options);
    try {
      expect(run.planExit).toBe(0);
      // --dry writes nothing (every file hash unchanged) but shows the diffs it would apply
      expect(run.dry.changedFiles).toEqual([]);
      expect(run.dry.output).toContain('+++ b/');
      expect(run.dry.exit).toBe(0);
      expect({ exit: run.applyExit, output: run.applyOutput }).toEqual({ exit: 0, output: expect.stringContaining('0 TODO markers left') });
      // idempotent: a second apply on the migrated code changes nothing
      expect({ changed: run.second.changedFiles, exit: run.second.exit }).toEqual({ changed: [], exit: 0 });
      expect(run.second.output).toContain('Changed 0 files.');
      const mismatches = describeMismatches(run.results);
      if (mismatches.length) throw new Error(`${mismatches.join('\n')}\n--- app stderr ---\n${run.appOutput.stderr}`);
      if (options.typecheck) expect(run.typecheck).toEqual({ exit: 0, output: '' });
      if (options.inspect) {
        // TTL: every item with an expiry carries it in epoch seconds in the table's TTL attribute
        const { checked, wrong } = run.inspected as { checked: number; wrong: unknown[] };
        expect(wrong).toEqual([]);
        expect(checked).toBeGreaterThan(0);
      }
    } finally {
      if (!process.env.KEEP_FIXTURE_COPIES) await removeCopy(run.dir);
    }
  });
});
