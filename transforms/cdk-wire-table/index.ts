/**
 * jscodeshift transform `cdk-wire-table`: wires an existing CDK app to the DynamoDB tables of
 * `.migration/dynamodb.json`. Each Lambda function whose handler uses a table gets the table-name
 * environment variable and `table.grant(fn, …)` with exactly the actions of its handler; stacks and
 * constructs take the tables as typed props; the app creates the DatabaseStack and passes them.
 *
 *   jscodeshift -t transforms/cdk-wire-table/index.ts --parser tsx --extensions ts \
 *     --design .migration/dynamodb.json infrastructure/
 *
 * Options: --design (required), --root (directory the design's handler paths are relative to;
 * default the parent of .migration), --databaseStack (path of the generated stack module; default
 * <cdk app>/lib/database-stack.ts), --databaseStackId (default DatabaseStack), --accessModel (the
 * scanner's JSON; its construct links resolve handlers the static reading cannot).
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { analyzeClass, type AnalysisContext, type ClassInfo } from './analyzeClass';
import { createTextEdits } from './createTextEdits';
import { detectStyle } from './detectStyle';
import { makeReporter, makeTodo, type FileContext } from './fileContext';
import { createModuleInfo } from './loadModule';
import { loadAccessModelHints } from './loadAccessModelHints';
import { loadWiringDesign } from './loadWiringDesign';
import { addImports } from './steps/addImports';
import { declareTableProps } from './steps/declareTableProps';
import { instantiateDatabaseStack } from './steps/instantiateDatabaseStack';
import { markUnwirableFunctions } from './steps/markUnwirableFunctions';
import { passTablesToChildren } from './steps/passTablesToChildren';
import { wireFunctionSites } from './steps/wireFunctionSites';

export const parser = 'tsx';

/** The steps, in order; each reads the original tree and adds text edits. */
export const steps: { name: string; run: (context: FileContext) => void }[] = [
  { name: 'wire environment and grants on each function', run: wireFunctionSites },
  { name: 'mark functions that cannot be wired', run: markUnwirableFunctions },
  { name: 'pass tables to child constructs', run: passTablesToChildren },
  { name: 'declare table props on stacks and constructs', run: declareTableProps },
  { name: 'create the DatabaseStack where the app creates stacks', run: instantiateDatabaseStack },
  { name: 'add imports', run: addImports },
];

function readClasses(context: Omit<FileContext, 'classes' | 'todo'>, analysis: AnalysisContext): ClassInfo[] {
  const { j, root, module } = context;
  return root
    .find(j.ClassDeclaration)
    .paths()
    .map((path) => analyzeClass(module, String(path.node.id?.name ?? 'default'), path, analysis))
    .filter((info): info is ClassInfo => Boolean(info));
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const report = typeof api.report === 'function' ? api.report : () => undefined;
  if (typeof options.design !== 'string') {
    throw new Error('cdk-wire-table needs --design=<path to .migration/dynamodb.json>');
  }
  const design = loadWiringDesign(options.design, typeof options.root === 'string' ? options.root : undefined);
  if (design.problems.length > 0) {
    report(`${design.designPath}: not wiring until the design is fixed: ${design.problems.join('; ')}`);
    return undefined;
  }
  // Cheap exit for files that create no constructs at all.
  if (!/\bnew\s/.test(file.source)) return undefined;
  const j = api.jscodeshift.withParser('tsx');
  const module = createModuleInfo(file.path, file.source, design.root, j);
  const style = detectStyle(j, module.root, file.source, file.path);
  const analysis: AnalysisContext = {
    design,
    accessModelHints: typeof options.accessModel === 'string' ? loadAccessModelHints(options.accessModel, design.root) : undefined,
  };
  const base = {
    j,
    root: module.root,
    source: file.source,
    module,
    style,
    edits: createTextEdits(file.source, style),
    design,
    analysis,
    options: {
      databaseStack: typeof options.databaseStack === 'string' ? options.databaseStack : undefined,
      databaseStackId: typeof options.databaseStackId === 'string' ? options.databaseStackId : undefined,
    },
    typeImports: new Map(),
    valueImports: new Map(),
    todoStatements: new Set<unknown>(),
    hoistedNames: new Set<string>(),
    ...makeReporter(file.path, design.root, report),
  };
  const withClasses = { ...base, classes: readClasses(base, analysis) };
  const context: FileContext = { ...withClasses, todo: makeTodo(withClasses as Omit<FileContext, 'todo'>) };
  for (const step of steps) step.run(context);
  if (context.edits.count === 0) return undefined;
  const output = context.edits.apply();
  return output === file.source ? undefined : output;
}
