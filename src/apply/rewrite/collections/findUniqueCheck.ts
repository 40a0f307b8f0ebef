/**
 * The app's own uniqueness check before a create: `if (findByEmail(email)) { return res.status(409)… }`
 * (or `throw new ConflictError(…)`), in the creating function. With guard items (the design's
 * `uniqueAttributes`) the create's conditional claim is that check, race-free: the `if` goes and
 * its branch becomes the answer to a failed claim.
 */
import type { ASTPath } from 'jscodeshift';
import type { StoreTarget } from '../../analysis/findStoreTargets';
import type { CollectionPass } from './context';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CONFLICT_WORDS = /conflict|duplicate|already|exists|taken|in use|not unique|unique/i;

export interface UniqueCheck {
  statement: ASTPath<any>;
  /** The branch's original text: the app's answer for a taken value. */
  response: string;
}

/** The last conflict check before `at` in its function whose test reads `target`'s store. */
export function findUniqueCheck(pass: CollectionPass, target: StoreTarget, at: ASTPath<any>): UniqueCheck | undefined {
  const { rewrite } = pass;
  const fn = rewrite.enclosingFunction(at);
  if (!fn) return undefined;
  const readers = storeReaders(pass, target);
  let found: UniqueCheck | undefined;
  rewrite.j(fn).find(rewrite.j.IfStatement).forEach((path: ASTPath<any>) => {
    const node = path.node as AnyNode;
    if (node.alternate || !(node.end <= (at.node as AnyNode).start)) return;
    if (rewrite.enclosingFunction(path)?.node !== fn.node) return;
    const consequent = node.consequent as AnyNode;
    const last = consequent.type === 'BlockStatement' ? consequent.body[consequent.body.length - 1] : consequent;
    if (last?.type !== 'ReturnStatement' && last?.type !== 'ThrowStatement') return;
    if (!rejectsAsConflict(consequent)) return;
    if (!testReadsStore(pass, target, node, readers)) return;
    const response = rewrite.originalText(consequent);
    if (response) found = { statement: path, response };
  });
  return found;
}

/** Functions of this file (by name) that read the store: `function findByEmail(e) { return users.find(…) }`. */
function storeReaders(pass: CollectionPass, target: StoreTarget): Set<string> {
  const { j, root } = pass.rewrite;
  const names = new Set<string>();
  const readsStore = (node: AnyNode) => pass.uses.some((use) => use.target === target && within(use.path.node, node));
  root.find(j.FunctionDeclaration).forEach((path) => {
    const id = path.node.id as AnyNode;
    if (id?.type === 'Identifier' && readsStore(path.node)) names.add(id.name);
  });
  root.find(j.VariableDeclarator).forEach((path) => {
    const init = path.node.init as AnyNode;
    if (path.node.id.type === 'Identifier' && init && /Function/.test(init.type) && readsStore(init)) names.add(path.node.id.name);
  });
  return names;
}

/**
 * The test (by its original source range: it may be rewritten already) holds a use of the store,
 * or calls a function that reads it.
 */
function testReadsStore(pass: CollectionPass, target: StoreTarget, statement: AnyNode, readers: Set<string>): boolean {
  const range = { start: statement.start, end: statement.consequent.start };
  if (pass.uses.some((use) => use.target === target && within(use.path.node, range))) return true;
  let calls = false;
  pass.rewrite.j(statement.test).find(pass.rewrite.j.CallExpression).forEach((path) => {
    const callee = path.node.callee as AnyNode;
    if (callee.type === 'Identifier' && readers.has(callee.name)) calls = true;
  });
  const callee = statement.test.type === 'CallExpression' ? statement.test.callee : statement.test.type === 'AwaitExpression' ? statement.test.argument?.callee : undefined;
  return calls || Boolean(callee?.type === 'Identifier' && readers.has(callee.name));
}

function within(node: AnyNode, range: { start?: number; end?: number }): boolean {
  return typeof node?.start === 'number' && typeof range.start === 'number' && typeof range.end === 'number' && node.start >= range.start && node.end <= range.end;
}

/** The branch answers 409 or throws a conflict, as the scan's uniqueness recogniser reads it. */
export function rejectsAsConflict(node: AnyNode): boolean {
  let conflict = false;
  const visit = (value: AnyNode): void => {
    if (conflict || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    if ((value.type === 'NumericLiteral' || value.type === 'Literal') && value.value === 409) conflict = true;
    else if (value.type === 'Identifier' && /Conflict|Duplicate/.test(value.name)) conflict = true;
    else if ((value.type === 'StringLiteral' || value.type === 'Literal') && typeof value.value === 'string' && CONFLICT_WORDS.test(value.value)) conflict = true;
    else if (value.type === 'TemplateElement' && CONFLICT_WORDS.test(value.value?.raw ?? '')) conflict = true;
    for (const key of Object.keys(value)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      const child = value[key];
      if (child && typeof child === 'object') visit(child);
    }
  };
  visit(node);
  return conflict;
}
