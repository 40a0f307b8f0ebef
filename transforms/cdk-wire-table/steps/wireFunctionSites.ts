/**
 * Step: every Lambda function whose handler uses a table gets the table-name environment variable
 * and `table.grant(fn, …)` with exactly the actions of its handler (per route when created in a
 * loop). Functions whose handler cannot be told get a TODO marker instead.
 */
import type { ASTPath } from 'jscodeshift';
import { toCamelCase } from '../../../src/stack/naming';
import { evaluationContext, type ClassInfo, type FactorySite, type FunctionSite } from '../analyzeClass';
import { propertyKeyText } from '../detectStyle';
import { evaluateStatic } from '../evaluateStatic';
import type { FileContext } from '../fileContext';
import { findFunctionReference } from '../findFunctionReference';
import type { TableNeed } from '../loadWiringDesign';
import { handlerOptionNodes } from '../resolveFunctionHandler';
import { actionList, addEnvironmentCall, blockText, findExistingGrant, grantCall, type GrantForm } from '../tableAccessCode';
import { policyStatementReference } from '../typeNames';

type Node = { type: string; [key: string]: any };

function orderedNeeds(site: FunctionSite | FactorySite, context: FileContext): TableNeed[] {
  const byName = new Map<string, TableNeed>();
  for (const variant of site.variants) for (const [name, need] of variant.needs ?? []) if (!byName.has(name)) byName.set(name, need);
  return context.design.tables.filter((table) => byName.has(table.name)).map((table) => byName.get(table.name)!);
}

function text(node: Node, context: FileContext): string {
  return context.source.slice(node.start, node.end);
}

/** Adds `ENV: table.tableName` entries to an options object; false when it must use addEnvironment. */
function addToEnvironmentObject(options: Node | undefined, entries: [string, string][], context: FileContext): boolean {
  if (options?.type !== 'ObjectExpression') return false;
  const environment = options.properties.find(
    (property: Node) => property.type === 'ObjectProperty' && !property.computed && (property.key.name ?? property.key.value) === 'environment',
  );
  if (!environment) {
    if (options.properties.some((property: Node) => property.type === 'SpreadElement')) return false;
    const body = entries.map(([key, value]) => `${propertyKeyText(key, context.style)}: ${value}`).join(', ');
    context.edits.addProperty(options, 'environment', `{ ${body} }`);
    return true;
  }
  const value = environment.value as Node;
  if (value.type === 'ObjectExpression') {
    const present = new Set(value.properties.map((property: Node) => property.key?.name ?? property.key?.value));
    for (const [key, valueText] of entries) if (!present.has(key)) context.edits.addProperty(value, key, valueText);
    return true;
  }
  const body = entries.map(([key, valueText]) => `${propertyKeyText(key, context.style)}: ${valueText}`).join(', ');
  context.edits.replace(value, `{ ...${text(value, context)}, ${body} }`);
  return true;
}

/** A loop value that tells the routes apart (`route.name`), to key a per-route action table. */
function chooseLoopKey(site: FunctionSite | FactorySite, context: FileContext): { text: string; values: string[] } | undefined {
  const { j } = context;
  const node = site.path.node as Node;
  const roots = site.kind === 'function' ? [...handlerOptionNodes(node.arguments[2], site.fnKind), node.arguments[1]] : [node.arguments[1], node.arguments[2]];
  const names = new Set(site.variants[0]?.bindings.keys() ?? []);
  const candidates: Node[] = [];
  for (const rootNode of roots.filter(Boolean)) {
    const found = j(rootNode as never).find(j.Node).filter((path) => {
      const candidate = path.node as Node;
      const parent = path.parent?.node as Node | undefined;
      if (parent?.type === 'MemberExpression' && parent.object === candidate) return false;
      if (parent?.type === 'MemberExpression' && parent.property === candidate && !parent.computed) return false;
      if (parent?.type === 'ObjectProperty' && parent.key === candidate && !parent.computed) return false;
      let base = candidate;
      while (base.type === 'MemberExpression' && !base.computed) base = base.object;
      return (candidate.type === 'Identifier' || candidate.type === 'MemberExpression') && base.type === 'Identifier' && names.has(base.name);
    });
    candidates.push(...found.nodes().map((found) => found as Node));
    if (rootNode.type === 'Identifier' && names.has(rootNode.name)) candidates.push(rootNode);
  }
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const candidateText = text(candidate, context);
    if (seen.has(candidateText)) continue;
    seen.add(candidateText);
    const values = site.variants.map((variant) =>
      evaluateStatic(candidate, evaluationContext(context.module, context.analysis, site.path, variant.bindings)),
    );
    if (values.every((value) => typeof value === 'string' || typeof value === 'number') && new Set(values).size === values.length) {
      return { text: candidateText, values: values.map(String) };
    }
  }
  return undefined;
}

function wireLoopGrant(site: FunctionSite | FactorySite, need: TableNeed, form: GrantForm, tableRef: string, fnRef: string, block: Node, statements: string[], context: FileContext): void {
  const { style, edits } = context;
  const key = chooseLoopKey(site, context);
  if (!key) {
    context.todo(site.path, `the functions created in this loop need different DynamoDB actions on ${need.table.name}, but no loop value tells them apart; grant each one with ${tableRef}.grant(fn, …) by hand, then re-run`);
    return;
  }
  const mapName = `${need.names.propertyName}Actions`;
  const entries = site.variants.flatMap((variant, index) => {
    const actions = variant.needs?.get(need.table.name)?.actions;
    return actions ? [`${style.indentUnit}${propertyKeyText(key.values[index], style)}: [${actionList(actions, style)}]`] : [];
  });
  const everyRoute = entries.length === site.variants.length;
  const mapLines = [
    `// DynamoDB actions each function's handler performs on ${need.table.name} (from .migration/dynamodb.json).`,
    `const ${mapName}${style.typescript ? ': Record<string, string[]>' : ''} = {`,
    ...entries.map((entry, index) => (index < entries.length - 1 || style.trailingComma ? `${entry},` : entry)),
    `}${style.semicolon}`,
    '',
  ];
  const loopStatement = site.loop!.statementPath;
  const loopBlock = loopStatement.parent.node as Node;
  const existingMap = loopBlock.body.find((statement: Node) =>
    statement.type === 'VariableDeclaration' && statement.declarations.some((declarator: Node) => declarator.id.name === mapName),
  );
  if (existingMap) {
    const wanted = mapLines.slice(1, -1).join(`\n${edits.indentOf(existingMap)}`);
    if (text(existingMap, context) !== wanted) edits.replace(existingMap, wanted);
  } else {
    edits.insertStatementsBefore(loopStatement.node as never, mapLines);
  }
  const call = `${grantCall(form, tableRef, fnRef, { array: `${mapName}[${key.text}]` }, policyName(form, context))}${style.semicolon}`;
  const statement = everyRoute ? call : `if (${key.text} in ${mapName}) ${call}`;
  placeGrant(block, tableRef, fnRef, statement, statements, context);
}

function policyName(form: GrantForm, context: FileContext): string {
  return form === 'policy' ? policyStatementReference(context) : '';
}

/** Adds the grant statement, or replaces an existing grant of this table to this function that differs. */
function placeGrant(block: Node, tableRef: string, fnRef: string, statement: string, statements: string[], context: FileContext): void {
  const existing = findExistingGrant(block, tableRef, fnRef, context.source);
  if (!existing) statements.push(statement);
  else if (text(existing, context) !== statement) context.edits.replace(existing, statement);
}

/** grant() when the table has no GSIs or the handler queries one; a table-ARN-only statement otherwise. */
function chooseGrantForm(site: FunctionSite | FactorySite, need: TableNeed, context: FileContext): GrantForm {
  if (need.table.gsis.length === 0) return 'grant';
  const users = site.variants.filter((variant) => (variant.needs?.get(need.table.name)?.indexes.length ?? 0) > 0).length;
  const withTable = site.variants.filter((variant) => variant.needs?.has(need.table.name)).length;
  if (users > 0 && users < withTable) {
    context.report(site.path.node as never, `some functions created in this loop query an index of ${need.table.name} and some do not; all get index ARNs through ${need.names.propertyName}.grant(). Split the loop to narrow it.`);
  }
  return users > 0 ? 'grant' : 'policy';
}

export function wireSite(context: FileContext, info: ClassInfo, site: FunctionSite | FactorySite): void {
  const unresolved = site.variants.find((variant) => variant.spec.unresolved);
  if (unresolved) {
    context.todo(site.path, `could not tell which handler file this function runs: ${unresolved.spec.unresolved}. Use a literal path (or path.join(__dirname, …)), then re-run`);
    return;
  }
  const needs = orderedNeeds(site, context);
  if (needs.length === 0) return;
  if (info.params.propsDestructured) {
    context.todo(site.path, `${info.name}'s constructor destructures its props; take them as \`props\` so the tables can be passed in, then re-run`);
    return;
  }
  let reference = findFunctionReference(site.path, context.source);
  let hoisted: string | undefined;
  if (!reference.ok && reference.hoistInto && site.kind === 'function' && !site.loop) {
    const hoist = hoistFunction(site, reference.hoistInto, context);
    hoisted = hoist.declaration;
    reference = { ok: true, text: hoist.name, statementPath: reference.hoistInto };
  }
  if (!reference.ok) {
    context.todo(site.path, reference.reason);
    return;
  }
  let fnRef = reference.text;
  let envTarget: Node | undefined = hoisted ? undefined : (site.path.node as Node).arguments[2];
  if (site.kind === 'factory') {
    const factory = site.target.factory!;
    if (!factory.fnProperty || factory.fnPropertyHidden) {
      context.todo(site.path, `${site.target.name} does not expose its Lambda function; make it a public readonly property (e.g. \`public readonly fn\`), then re-run`);
      return;
    }
    fnRef = `${reference.text}.${factory.fnProperty}`;
    if (!factory.forwardsEnvironment) envTarget = undefined;
  }
  const propsName = info.params.props ?? 'props';
  const block = reference.statementPath.parent.node as Node;
  const statements: string[] = [];
  // Variables already set with fn.addEnvironment(...) (e.g. on a function hoisted by an earlier run) stay as they are.
  const existingText = blockText(block, context.source);
  const entries = needs
    .map((need): [string, string] => [need.table.envVar, `${propsName}.${need.names.propertyName}.tableName`])
    .filter(([envVar, valueText]) => !existingText.includes(addEnvironmentCall(fnRef, envVar, valueText, context.style).replace(/;$/, '')));
  if (entries.length > 0 && !addToEnvironmentObject(envTarget, entries, context)) {
    for (const [envVar, valueText] of entries) statements.push(addEnvironmentCall(fnRef, envVar, valueText, context.style));
  }
  for (const need of needs) {
    const tableRef = `${propsName}.${need.names.propertyName}`;
    const form = chooseGrantForm(site, need, context);
    const perVariant = site.variants.map((variant) => variant.needs?.get(need.table.name)?.actions.join(',') ?? null);
    const uniform = perVariant.every((actions) => actions !== null && actions === perVariant[0]);
    if (site.loop && !uniform) {
      wireLoopGrant(site, need, form, tableRef, fnRef, block, statements, context);
      continue;
    }
    const actions = actionList(site.variants[0].needs!.get(need.table.name)!.actions, context.style);
    const statement = `${grantCall(form, tableRef, fnRef, { list: actions }, policyName(form, context))}${context.style.semicolon}`;
    placeGrant(block, tableRef, fnRef, statement, statements, context);
  }
  if (hoisted) context.edits.insertStatementsBefore(reference.statementPath.node as never, [hoisted, ...statements]);
  else context.edits.insertStatementsAfter(reference.statementPath.node as never, statements);
}

/**
 * `new LambdaIntegration(new lambda.Function(this, 'ListNotes', {…}))` → `const listNotesFunction =
 * new lambda.Function(this, 'ListNotes', {…});` before the statement, and the argument becomes the
 * const, so the function can be granted. Continuation lines keep their indentation relative to it.
 */
function hoistFunction(site: FunctionSite, statementPath: ASTPath, context: FileContext): { name: string; declaration: string } {
  const node = site.path.node as Node;
  const id = evaluateStatic(node.arguments[1], evaluationContext(context.module, context.analysis, site.path));
  const base = toCamelCase(typeof id === 'string' ? id : 'handler') || 'handler';
  const stem = /(Function|Fn|Handler|Lambda)$/i.test(base) ? base : `${base}Function`;
  let name = stem;
  for (let suffix = 2; site.path.scope?.lookup(name) || context.hoistedNames.has(name); suffix += 1) name = `${stem}${suffix}`;
  context.hoistedNames.add(name);
  const text = context.source.slice(node.start, node.end);
  const newIndent = context.edits.indentOf(node);
  const statementIndent = context.edits.indentOf(statementPath.node);
  const moved = text.split('\n').map((line, index) => (index > 0 && line.startsWith(newIndent) ? statementIndent + line.slice(newIndent.length) : line)).join('\n');
  context.edits.replace(node, name);
  return { name, declaration: `const ${name} = ${moved}${context.style.semicolon}` };
}

export function wireFunctionSites(context: FileContext): void {
  for (const info of context.classes) {
    for (const site of info.sites) {
      if (site.kind === 'child') continue;
      if (site.kind === 'function' && info.factory?.site === site) continue;
      wireSite(context, info, site);
    }
  }
}
