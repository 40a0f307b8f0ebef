import yargs from 'yargs';
import { runApply } from '../commands/apply';
import { runMigrateData } from '../commands/migrate-data';
import { runPlan } from '../commands/plan';
import { runScan } from '../commands/scan';
import { runVerify } from '../commands/verify';
import { EXIT, UserInputError } from './exitCodes';
import { packageVersion } from './packageInfo';


/** Runs the CLI with the given arguments and resolves to the exit code. Never prints a stack trace unless DEBUG is set. */
export async function main(argv: string[]): Promise<number> {
  // The SDK warns about Node 20 on every client; the warning is not actionable for a codemod's user.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let exitCode: number = EXIT.ok;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const parser = yargs(argv)
    .scriptName('dynamodb-codemod')
    .usage('$0 <command> <dir> [options]\n\nMove an app from in-memory arrays, JSON files or SQLite to Amazon DynamoDB:\nscan → plan → apply → migrate-data → verify.')
    .command(
      'scan <dir>',
      'Find data stores, entities, operations, handlers and infrastructure',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, describe: 'project directory' })
          .option('json', { type: 'boolean', default: false, describe: 'print the access model as JSON (contract 1), nothing else' })
          .option('strict', { type: 'boolean', default: false, describe: 'exit 1 when any error diagnostic was found' }),
      async (args) => setExit(await runScan({ dir: args.dir, json: args.json, strict: args.strict })),
    )
    .command(
      'plan <dir>',
      'Derive the DynamoDB table design: .migration/dynamodb.json and .migration/plan.md',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'take the defaults, ask nothing' })
          .option('gsi', { type: 'string', array: true, describe: 'add a lookup: Entity.attribute[:sortAttribute]' })
          .option('ttl', { type: 'string', array: true, describe: 'mark temporary data: Entity.attribute' })
          .option('table-name', { type: 'string', array: true, describe: 'name a table: Entity=TableName' })
          .option('single-table', { type: 'boolean', describe: 'one table for all entities, typed keys' })
          .option('id-strategy', { choices: ['counter', 'uuid'] as const, describe: 'numeric ids: keep them with a counter, or switch to uuid' })
          .option('json', { type: 'boolean', default: false, describe: 'print the design as JSON' }),
      async (args) =>
        setExit(
          await runPlan({
            dir: args.dir,
            yes: args.yes,
            gsi: args.gsi,
            ttl: args.ttl,
            tableName: args['table-name'],
            // Absent (not false) keeps the layout the existing design file already has.
            singleTable: args['single-table'] || undefined,
            idStrategy: args['id-strategy'],
            json: args.json,
          }),
        ),
    )
    .command(
      'apply <dir>',
      'Rewrite data access to DynamoDB and generate the CDK stack',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .option('transform', { type: 'string', array: true, describe: 'run only these transforms' })
          .option('dry', { type: 'boolean', default: false, describe: 'write nothing; print unified diffs' })
          .option('print', { type: 'boolean', default: false, describe: 'print each changed file' })
          .option('force', { type: 'boolean', default: false, describe: 'run on a dirty git tree' })
          .option('design', { type: 'string', describe: 'design file (default <dir>/.migration/dynamodb.json)' }),
      async (args) =>
        setExit(
          await runApply({
            dir: args.dir,
            transform: args.transform,
            dry: args.dry,
            print: args.print,
            force: args.force,
            design: args.design,
          }),
        ),
    )
    .command(
      'migrate-data <dir>',
      'Copy existing records (JSON files, SQLite rows, seed data) into the tables, verified',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .option('endpoint', { type: 'string', describe: 'DynamoDB endpoint, e.g. http://127.0.0.1:8000' })
          .option('region', { type: 'string' })
          .option('create-tables', { type: 'boolean', default: false, describe: 'create missing tables from the design first' })
          .option('dry', { type: 'boolean', default: false })
          .option('skip-invalid', { type: 'boolean', default: false })
          .option('export', { choices: ['s3-import'] as const, describe: 'write DynamoDB JSON files for S3 import instead' })
          .option('concurrency', { type: 'number', describe: 'BatchWrite requests in flight (default 4)' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary, nothing else' }),
      async (args) =>
        setExit(
          await runMigrateData({
            dir: args.dir,
            endpoint: args.endpoint,
            region: args.region,
            dry: args.dry,
            json: args.json,
            createTables: args['create-tables'],
            skipInvalid: args['skip-invalid'],
            export: args.export,
            concurrency: args.concurrency,
          }),
        ),
    )
    .command(
      'verify <dir>',
      'Type-check, cdk synth, least-privilege audit, and compare the app before and after',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .option('synth', { type: 'boolean', default: false, describe: 'only run cdk synth of the infrastructure' })
          .option('behaviour', { type: 'boolean', default: true, describe: 'run the original and migrated app on dynalite with the same requests, and the cost report (--no-behaviour skips them)' })
          .option('original', { type: 'string', describe: 'the original app: a git ref (default HEAD) or a directory; .migration/original/ is used when it exists' })
          .option('json', { type: 'boolean', default: false }),
      async (args) => setExit(await runVerify({ dir: args.dir, synth: args.synth, json: args.json, behaviour: args.behaviour, original: args.original })),
    )
    .demandCommand(1, 'Name a command: scan, plan, apply, migrate-data or verify.')
    .strict()
    .version(packageVersion())
    .help()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // thrown, not just reported: with exitProcess(false) yargs would otherwise run the command anyway
      throw error ?? new UsageFailure(message);
    })
    .exitProcess(false);
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageFailure) {
      process.stderr.write(`dynamodb-codemod: ${error.message}\nRun 'dynamodb-codemod --help' for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof UserInputError) {
      process.stderr.write(`dynamodb-codemod: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`dynamodb-codemod: internal error: ${(error as Error).message}\nThis is a bug; please report it with the command you ran.\n`);
    if (process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.problems;
  }
  return exitCode;
}

/** A command line yargs rejected (missing argument, unknown option): exit 2 with its message. */
class UsageFailure extends Error {}
