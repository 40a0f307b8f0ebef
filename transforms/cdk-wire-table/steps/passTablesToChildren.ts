/**
 * Step: where a Stack or Construct creates a child construct whose functions use tables, pass the
 * tables down: `new NotesApi(this, 'Api', { notesTable: props.notesTable })`.
 */
import type { ASTPath } from 'jscodeshift';
import type { FileContext } from '../fileContext';
import { orderNeeds } from './declareTableProps';
import type { TableNeed } from '../loadWiringDesign';
import { propertyKeyText } from '../detectStyle';

type Node = { type: string; [key: string]: any };

/** Ensures the props argument of `new X(scope, id, props)` has `<table>: <source>.<table>` entries. */
export function passTables(path: ASTPath, needs: TableNeed[], sourceRef: string, context: FileContext): void {
  const node = path.node as Node;
  const entries = needs.map((need) => [need.names.propertyName, `${sourceRef}.${need.names.propertyName}`]);
  if (node.arguments.length < 2) {
    context.todo(path, 'pass the tables as props (scope, id, props) to this construct, then re-run');
    return;
  }
  const props = node.arguments[2] as Node | undefined;
  const body = (list: string[][]) => list.map(([key, value]) => `${propertyKeyText(key, context.style)}: ${value}`).join(', ');
  if (!props) {
    context.edits.insertAt(node.arguments[1].end, `, { ${body(entries)} }`);
  } else if (props.type === 'ObjectExpression') {
    const present = new Set(props.properties.map((property: Node) => property.key?.name ?? property.key?.value));
    for (const [key, value] of entries) if (!present.has(key)) context.edits.addProperty(props, key, value);
  } else {
    context.edits.replace(props, `{ ...${context.source.slice(props.start, props.end)}, ${body(entries)} }`);
  }
}

export function passTablesToChildren(context: FileContext): void {
  for (const info of context.classes) {
    if (info.params.propsDestructured) continue;
    const propsName = info.params.props ?? 'props';
    for (const site of info.sites) {
      if (site.kind === 'child') passTables(site.path, orderNeeds(site.target.needs, context), propsName, context);
    }
  }
}
