/**
 * `j.template.expression` / `j.template.statements` with the parse done once per snippet shape.
 * jscodeshift's template parses the snippet's text (placeholders in place of the nodes) with recast
 * and runs a visitor that puts each node at its placeholder; apply emits thousands of snippets of
 * a few dozen shapes, so that parse was ~8% of `apply --dry`. Here the template runs once per
 * shape with stand-in nodes, and each call gets a deep copy of that result with the caller's nodes
 * where the stand-ins were: the same nodes, the same `original` copies and locations recast uses to
 * reprint the snippet's text, so the printed code is the same. The caller's nodes are placed as
 * they are (not copied), as the template does.
 */
import type { JSCodeshift } from 'jscodeshift';

type TemplateKind = 'expression' | 'statements';
type TemplateFunction = (strings: TemplateStringsArray, ...nodes: unknown[]) => unknown;

interface Shape {
  result: unknown;
  standIns: object[];
}

/** Per jscodeshift API (its parser decides how a snippet parses), per kind and text. */
const shapesByApi = new WeakMap<object, Map<string, Shape>>();
/** Snippet texts carry names and table constants, so shapes grow with the project; bounded. */
const MAX_SHAPES = 5000;
let enabled = true;

/** Tests: false makes every call go to jscodeshift's template (for comparing both). */
export function setTemplateCache(on: boolean): void {
  enabled = on;
}

export function fromTemplate(j: JSCodeshift, kind: TemplateKind, strings: TemplateStringsArray, nodes: unknown[]): unknown {
  const template = j.template[kind] as unknown as TemplateFunction;
  // The template cleans the location of a statement put in a statement's place: rare, not cached.
  if (!enabled || nodes.some((node) => j.Statement.check(node))) return template(strings, ...nodes);
  let shapes = shapesByApi.get(j);
  if (!shapes) shapesByApi.set(j, (shapes = new Map()));
  const key = `${kind}\u0000${strings.join('\u0001')}`;
  let shape = shapes.get(key);
  if (!shape) {
    const standIns = nodes.map(() => j.identifier('$standIn$'));
    const result = template(strings, ...standIns);
    // `${node}` alone: the template returns the node itself (and edits its `extra`)
    if ((standIns as unknown[]).includes(result)) return template(strings, ...nodes);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shape = { result, standIns };
    shapes.set(key, shape);
  }
  const copies = new Map<object, unknown>();
  shape.standIns.forEach((standIn, i) => copies.set(standIn, nodes[i]));
  return copyTree(shape.result, copies);
}

/**
 * A deep copy keeping the object graph (shared objects stay shared, e.g. a node and its `original`
 * share `loc`), prototypes and recast's non-enumerable `original` link. The source text (`lines`)
 * and the token list are only read, so every copy shares them.
 */
function copyTree(root: unknown, copies: Map<object, unknown>): unknown {
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (copies.has(value)) return copies.get(value);
    if (Array.isArray(value)) {
      const out = value.slice();
      copies.set(value, out);
      for (let i = 0; i < value.length; i += 1) if (i in value) out[i] = copy(value[i]);
      return out;
    }
    const source = value as Record<string, unknown>;
    const out = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
    copies.set(value, out);
    for (const key of Object.keys(source)) out[key] = key === 'lines' || key === 'tokens' ? source[key] : copy(source[key]);
    const original = Object.getOwnPropertyDescriptor(source, 'original');
    if (original && !original.enumerable) Object.defineProperty(out, 'original', { ...original, value: copy(original.value) });
    return out;
  };
  return copy(root);
}
