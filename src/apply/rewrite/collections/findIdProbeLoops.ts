/**
 * `let id = Date.now().toString(); while (users[id]) id = (Number(id) + 1).toString();`: a loop
 * that reads the store until it finds an id nobody holds. It is part of how the app makes ids (the
 * scan counts its read as part of the create, so the plan grants the create no read). When the
 * design makes the ids (uuid, counter), the probe has nothing left to look for and goes with the
 * app's id code; kept, it would read the table on every create, a call the create is not granted.
 */
import type { ASTPath } from 'jscodeshift';
import { findVariableReferences, lookupScope } from '../bindings';
import { contains } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const LOOPS = ['WhileStatement', 'DoWhileStatement', 'ForStatement'];

/**
 * The probe loops of the id variable declared by `declarator`: loops whose test reads this store
 * with the variable and whose body only gives the variable a new value. Empty unless every other
 * assignment of the variable is its declaration (an id also taken from elsewhere is the app's).
 */
export function findIdProbeLoops(pass: CollectionPass, use: CollectionUse, declarator: ASTPath<any>): ASTPath<any>[] {
  const { rewrite } = pass;
  const id = declarator.node.id as AnyNode;
  if (id?.type !== 'Identifier') return [];
  const name: string = id.name;
  const fn = rewrite.enclosingFunction(declarator);
  if (!fn) return [];
  const scope = lookupScope(declarator, name);
  const references = findVariableReferences(rewrite.j, fn, name, scope);
  const loops: ASTPath<any>[] = [];
  for (const reference of references.filter(isAssigned)) {
    const loop = enclosingLoop(reference, fn);
    if (!loop || !isProbe(pass, use, loop.node, name, references)) return [];
    if (!loops.some((known) => known.node === loop.node)) loops.push(loop);
  }
  return loops;
}

/** `id = …`, `id += …`, `id++`: a reference that gives the variable a new value. */
function isAssigned(reference: ASTPath<any>): boolean {
  const parent = reference.parent?.node as AnyNode;
  return (parent?.type === 'AssignmentExpression' && parent.left === reference.node) || (parent?.type === 'UpdateExpression' && parent.argument === reference.node);
}

function enclosingLoop(reference: ASTPath<any>, fn: ASTPath<any>): ASTPath<any> | undefined {
  for (let current = reference.parent as ASTPath<any> | null; current && current.node !== fn.node; current = current.parent) {
    if (LOOPS.includes(current.node.type)) return current;
  }
  return undefined;
}

/** The test reads this store with `name`; the body and update only assign `name`, from values that read no store. */
function isProbe(pass: CollectionPass, use: CollectionUse, loop: AnyNode, name: string, references: ASTPath<any>[]): boolean {
  if (!loop.test || (loop.type === 'ForStatement' && loop.init)) return false;
  const readsStore = pass.uses.some((candidate) => candidate.target === use.target && contains(loop.test, candidate.path.node));
  if (!readsStore || !references.some((reference) => contains(loop.test, reference.node))) return false;
  const steps = [...(loop.body.type === 'BlockStatement' ? loop.body.body : [loop.body]), ...(loop.update ? [{ type: 'ExpressionStatement', expression: loop.update }] : [])];
  return steps.every((step: AnyNode) => step.type === 'EmptyStatement' || (step.type === 'ExpressionStatement' && assigns(step.expression, name)))
    && !pass.uses.some((candidate) => steps.some((step: AnyNode) => contains(step, candidate.path.node)));
}

function assigns(expression: AnyNode, name: string): boolean {
  if (expression.type === 'AssignmentExpression') return expression.left.type === 'Identifier' && expression.left.name === name;
  if (expression.type === 'UpdateExpression') return expression.argument.type === 'Identifier' && expression.argument.name === name;
  return false;
}
