/**
 * Step: where the app (or a test) creates a stack whose functions use tables outside any stack —
 * `new NotesStack(app, 'NotesStack')` — create the DatabaseStack once on the same app and pass its
 * tables: `const database = new DatabaseStack(app, 'DatabaseStack'); new NotesStack(app, 'NotesStack', { notesTable: database.notesTable })`.
 */
import { dirname, join, relative, resolve } from 'node:path';
import type { ASTPath } from 'jscodeshift';
import { resolveClass } from '../analyzeClass';
import { findAppEntry } from '../findAppEntry';
import { isReferenceTo, resolveReference } from '../resolveReference';
import { quoteText } from '../detectStyle';
import { findStatementPath } from '../findEnclosingLoop';
import type { FileContext } from '../fileContext';
import { orderNeeds } from './declareTableProps';
import { passTables } from './passTablesToChildren';

type Node = { type: string; [key: string]: any };

function databaseModuleSpecifier(context: FileContext): string {
  const file = context.options.databaseStack
    ? resolve(context.options.databaseStack)
    : join(context.module.cdkRoot, 'lib', 'database-stack.ts');
  let specifier = relative(dirname(context.module.filePath), file).replace(/\\/g, '/').replace(/\.(ts|tsx|js)$/, '');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return specifier;
}

function databaseClassName(context: FileContext): string {
  for (const [local, binding] of context.module.imports) if (binding.imported === 'DatabaseStack') return local;
  context.valueImports.set('DatabaseStack', { module: databaseModuleSpecifier(context), imported: 'DatabaseStack' });
  return 'DatabaseStack';
}

function isInsideConstructClass(path: ASTPath, context: FileContext): boolean {
  const classPath = context.j(path).closest(context.j.ClassDeclaration).paths()[0];
  return Boolean(classPath && context.classes.some((info) => info.path.node === classPath.node && info.kind !== 'other'));
}

function envText(props: Node | undefined, context: FileContext): string | undefined {
  if (props?.type !== 'ObjectExpression') return undefined;
  const env = props.properties.find((property: Node) => property.type === 'ObjectProperty' && (property.key.name ?? property.key.value) === 'env');
  return env ? context.source.slice(env.value.start, env.value.end) : undefined;
}

function findDatabaseVariable(context: FileContext, className: string, scopeName: string): string | undefined {
  const { j, root } = context;
  const existing = root
    .find(j.VariableDeclarator)
    .filter((declarator) => {
      const init = declarator.node.init as Node | null;
      return init?.type === 'NewExpression' && init.callee.type === 'Identifier' && init.callee.name === className && init.arguments[0]?.name === scopeName;
    })
    .nodes()[0] as Node | undefined;
  return existing?.id.name;
}

function findBareDatabaseStatement(context: FileContext, className: string, scopeName: string): Node | undefined {
  const { j, root } = context;
  return root
    .find(j.ExpressionStatement)
    .filter((path) => {
      const expression = path.node.expression as Node;
      return expression.type === 'NewExpression' && expression.callee.name === className && expression.arguments[0]?.name === scopeName;
    })
    .nodes()[0] as Node | undefined;
}

/**
 * The app entry deploys the tables even when no Lambda uses them (a server elsewhere does):
 * `new DatabaseStack(app, 'DatabaseStack')` right after `const app = new App()`.
 */
function ensureTablesDeployed(context: FileContext, usedByStacks: boolean): void {
  if (usedByStacks || context.design.tables.length === 0) return;
  if (findAppEntry(context.module.cdkRoot) !== context.module.filePath) return;
  const { j, root } = context;
  if (root.find(j.NewExpression).filter((path) => (path.node.callee as Node).name === 'DatabaseStack' || /DatabaseStack$/.test(String((path.node.callee as Node).property?.name ?? ''))).size() > 0) return;
  const appDeclaration = root
    .find(j.VariableDeclaration)
    .filter((path) => path.parent.node.type === 'Program')
    .filter((path) => path.node.declarations.some((declarator) => {
      const init = (declarator as Node).init as Node | null;
      return init?.type === 'NewExpression' && isReferenceTo(resolveReference(init.callee, context.module.imports), 'aws-cdk-lib', 'App');
    }))
    .nodes()[0] as Node | undefined;
  if (!appDeclaration) return;
  const appName = appDeclaration.declarations[0].id.name as string;
  const firstStack = root
    .find(j.NewExpression)
    .filter((path) => (path.node.arguments[0] as Node | undefined)?.name === appName)
    .nodes()[0] as Node | undefined;
  const env = envText(firstStack?.arguments[2], context);
  const id = quoteText(context.options.databaseStackId ?? 'DatabaseStack', context.style);
  context.edits.insertStatementsAfter(appDeclaration, [
    `new ${databaseClassName(context)}(${appName}, ${id}${env ? `, { env: ${env} }` : ''})${context.style.semicolon}`,
  ]);
}

export function instantiateDatabaseStack(context: FileContext): void {
  const { j, root } = context;
  const created = new Map<string, string>();
  let usedByStacks = false;
  root.find(j.NewExpression).forEach((path) => {
    const node = path.node as Node;
    if (isInsideConstructClass(path, context)) return;
    const target = resolveClass(node.callee, context.module, context.analysis);
    if (!target || target.kind === 'other' || target.needs.size === 0) return;
    usedByStacks = true;
    const scope = node.arguments[0] as Node | undefined;
    const statementPath = findStatementPath(path);
    if (scope?.type !== 'Identifier' || !statementPath) {
      context.todo(path, `create the DatabaseStack on the same app and pass its tables to ${target.name}, then re-run`);
      return;
    }
    const className = databaseClassName(context);
    const block = statementPath.parent.node as Node;
    const key = `${block.start}:${scope.name}`;
    let variable = created.get(key);
    if (!variable) {
      const existing = findDatabaseVariable(context, className, scope.name);
      const bare = existing ? undefined : findBareDatabaseStatement(context, className, scope.name);
      if (existing) variable = existing;
      else if (bare) {
        // `new DatabaseStack(app, …)` from an earlier run, before any stack used a table: name it.
        variable = ['database', 'databaseStack', 'tablesStack'].find((name) => !path.scope?.lookup(name)) ?? 'dynamodbDatabase';
        context.edits.insertAt(bare.start, `const ${variable} = `);
      } else {
        variable = ['database', 'databaseStack', 'tablesStack'].find((name) => !path.scope?.lookup(name)) ?? 'dynamodbDatabase';
        const env = envText(node.arguments[2], context);
        const id = quoteText(context.options.databaseStackId ?? 'DatabaseStack', context.style);
        const statement = `const ${variable} = new ${className}(${scope.name}, ${id}${env ? `, { env: ${env} }` : ''})${context.style.semicolon}`;
        const scopeDeclaration = block.body.find((candidate: Node) =>
          candidate.type === 'VariableDeclaration' && candidate.declarations.some((declarator: Node) => declarator.id.name === scope.name),
        );
        if (scopeDeclaration) context.edits.insertStatementsAfter(scopeDeclaration, [statement]);
        else context.edits.insertStatementsBefore(statementPath.node as never, [statement]);
      }
      created.set(key, variable);
    }
    passTables(path, orderNeeds(target.needs, context), variable, context);
  });
  ensureTablesDeployed(context, usedByStacks);
}
