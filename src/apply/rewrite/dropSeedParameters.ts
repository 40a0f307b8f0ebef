/**
 * A class store filled by its constructor (`constructor(seed = []) { this.items = seed; }`) keeps
 * an unused parameter once its seed moves to migrate-data. The parameter goes when nothing else
 * in the constructor uses it, and so does the argument every `new ClassName(…)` of the file
 * passes for it (the seed import then goes with removeUnusedBindings).
 *
 * It stays when removing it could change the program or break a caller we do not rewrite here:
 * - a later parameter follows it (removing it would shift that parameter's arguments);
 * - it declares a field (`constructor(private seed: T[])`);
 * - another file constructs or extends the class (its arguments would no longer type-check);
 * - an argument passed for it could have side effects (`new Store(loadSeed())`).
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from './FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `seedUses`: the `this.x` of each removed `this.x = <seed>` statement of the constructor. */
export function dropSeedParameters(rewrite: FileRewrite, className: string, seedUses: ASTPath<any>[]): void {
  const { j } = rewrite;
  const seedNames = new Set<string>();
  for (const use of seedUses) j(use.parent).find(j.Identifier).forEach((path: ASTPath<any>) => void seedNames.add(path.node.name));
  if (!seedNames.size) return;
  const constructors = rewrite.root
    .find(j.ClassDeclaration)
    .filter((path: ASTPath<any>) => path.node.id?.name === className)
    .nodes()
    .flatMap((classNode: AnyNode) => (classNode.body.body as AnyNode[]).filter((member) => /^(ClassMethod|MethodDefinition)$/.test(member.type) && member.kind === 'constructor'));
  for (const node of constructors) {
    const fn = node.value ?? node; // MethodDefinition holds a FunctionExpression
    const params = fn.params as AnyNode[];
    let keep = params.length;
    while (keep > 0 && isDroppable(rewrite, fn, params[keep - 1], seedNames)) keep -= 1;
    if (keep === params.length || builtElsewhere(rewrite, className)) continue;
    const calls = rewrite.root.find(j.NewExpression).filter((path: ASTPath<any>) => (path.node.callee as AnyNode).type === 'Identifier' && (path.node.callee as AnyNode).name === className).nodes() as AnyNode[];
    if (!calls.every((call) => (call.arguments as AnyNode[]).slice(keep).every(isFreeOfEffects))) continue;
    fn.params = params.slice(0, keep);
    for (const call of calls) if (call.arguments.length > keep) call.arguments = call.arguments.slice(0, keep);
    rewrite.modified = true;
  }
}

/** A plain parameter (with or without a default) that fed the seed and is used nowhere else in the constructor. */
function isDroppable(rewrite: FileRewrite, fn: AnyNode, param: AnyNode, seedNames: Set<string>): boolean {
  const { j } = rewrite;
  const name = param.type === 'Identifier' ? param.name : param.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? param.left.name : undefined;
  if (!name || !seedNames.has(name)) return false;
  const declared = param.type === 'Identifier' ? param : param.left;
  let used = j(fn.body).find(j.Identifier, { name }).size() > 0;
  for (const other of fn.params as AnyNode[]) {
    if (used) break;
    used = j(other).find(j.Identifier, { name }).filter((path: ASTPath<any>) => path.node !== declared).size() > 0;
  }
  return !used;
}

/** Another source file of the project writes `new ClassName` or `extends ClassName`. */
function builtElsewhere(rewrite: FileRewrite, className: string): boolean {
  const pattern = new RegExp(`\\b(new|extends)\\s+${className.replace(/\$/g, '\\$')}\\b`);
  return rewrite.analysis.project.sources.some((source) => source.rel !== rewrite.rel && pattern.test(source.text));
}

/** Dropping this argument cannot skip anything the program does: names, literals, and literals of those. */
function isFreeOfEffects(node: AnyNode): boolean {
  switch (node?.type) {
    case 'Identifier':
    case 'ThisExpression':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every(isFreeOfEffects);
    case 'ArrayExpression':
      return node.elements.every((element: AnyNode) => element === null || isFreeOfEffects(element));
    case 'ObjectExpression':
      return node.properties.every((property: AnyNode) => /^(ObjectProperty|Property)$/.test(property.type) && !property.computed && isFreeOfEffects(property.value));
    case 'UnaryExpression':
      return node.operator !== 'delete' && isFreeOfEffects(node.argument);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return isFreeOfEffects(node.expression);
    default:
      return false;
  }
}
