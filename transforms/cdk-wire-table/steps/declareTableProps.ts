/**
 * Step: a Stack or Construct whose functions use tables takes them as typed props:
 * `readonly notesTable: ITable` is added to its props interface (a new `<Class>Props extends
 * StackProps` when it used StackProps directly), and its props parameter becomes required.
 */
import { relative } from 'node:path';
import type { ClassInfo } from '../analyzeClass';
import { resolveModuleFile } from '../loadModule';
import type { FileContext } from '../fileContext';
import type { TableNeed } from '../loadWiringDesign';
import { tableTypeReference } from '../typeNames';

type Node = { type: string; [key: string]: any };

export function orderNeeds(needs: Map<string, TableNeed>, context: FileContext): TableNeed[] {
  return context.design.tables.filter((table) => needs.has(table.name)).map((table) => needs.get(table.name)!);
}

function memberName(member: Node): string | undefined {
  return member.key?.name ?? member.key?.value;
}

/** Adds missing `readonly x: ITable;` members to an interface body or type literal. */
function addMembers(container: Node, members: Node[], wanted: string[][], context: FileContext, fallbackIndent: string): void {
  const present = new Set(members.map(memberName));
  const lines = wanted.filter(([name]) => !present.has(name)).map(([, line]) => line);
  if (lines.length === 0) return;
  if (members.length > 0) {
    const last = members[members.length - 1];
    const separator = context.source[last.end - 1] === ',' ? ',' : context.source[last.end - 1] === ';' ? ';' : context.style.semicolon;
    context.edits.insertStatementsAfter(last, lines.map((line) => `${line}${separator}`));
    return;
  }
  const inner = `${fallbackIndent}${context.style.indentUnit}`;
  context.edits.replace(container, `{\n${lines.map((line) => `${inner}${line}${context.style.semicolon}`).join('\n')}\n${fallbackIndent}}`);
}

function findLocalType(context: FileContext, name: string): Node | undefined {
  const { j, root } = context;
  return (
    root.find(j.TSInterfaceDeclaration, { id: { name } }).nodes()[0] ??
    root.find(j.TSTypeAliasDeclaration, { id: { name } }).nodes()[0]
  ) as Node | undefined;
}

function classStatement(info: ClassInfo): Node {
  const parent = info.path.parent?.node as Node;
  return parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration' ? parent : (info.path.node as Node);
}

function createInterface(info: ClassInfo, extendsText: string | undefined, wanted: string[][], context: FileContext): string {
  let name = `${info.name}Props`;
  if (findLocalType(context, name) || context.module.imports.has(name)) name = `${info.name}TablesProps`;
  const statement = classStatement(info);
  const exported = statement.type !== 'ClassDeclaration' ? 'export ' : '';
  const semicolon = context.style.semicolon;
  context.edits.insertStatementsBefore(statement, [
    `${exported}interface ${name}${extendsText ? ` extends ${extendsText}` : ''} {`,
    ...wanted.map(([, line]) => `${context.style.indentUnit}${line}${semicolon}`),
    '}',
    '',
  ]);
  return name;
}

export function declareClassTableProps(info: ClassInfo, context: FileContext): void {
  const ctor = info.ctorPath?.node as Node | undefined;
  if (!ctor || info.params.propsDestructured) return;
  const needs = orderNeeds(info.needs, context);
  const typed = context.style.typescript;
  const tableType = typed ? tableTypeReference(context) : '';
  const wanted = needs.map((need) => [need.names.propertyName, `readonly ${need.names.propertyName}: ${tableType}`]);
  const rawParam = info.params.propsNode as Node | undefined;
  if (!rawParam) {
    const anchor = ctor.params[ctor.params.length - 1] as Node | undefined;
    if (!anchor || ctor.params.length < 2) {
      context.todo(info.ctorPath!, `${info.name}'s constructor has no (scope, id) parameters to add props after; add \`props\` with the tables, then re-run`);
      return;
    }
    const typeName = typed ? createInterface(info, undefined, wanted, context) : '';
    context.edits.insertAt(anchor.end, typed ? `, props: ${typeName}` : ', props');
    return;
  }
  if (!typed) return;
  let param = rawParam.type === 'TSParameterProperty' ? rawParam.parameter : rawParam;
  const defaulted = param.type === 'AssignmentPattern' ? param : undefined;
  if (defaulted) param = defaulted.left;
  const annotation = param.typeAnnotation?.typeAnnotation as Node | undefined;
  if (!annotation) return;
  const classIndent = context.edits.indentOf(classStatement(info));
  if (annotation.type === 'TSTypeLiteral') {
    addMembers(annotation, annotation.members, wanted, context, context.edits.indentOf(annotation));
  } else if (annotation.type === 'TSTypeReference') {
    const typeText = context.source.slice(annotation.start, annotation.end);
    const local = annotation.typeName.type === 'Identifier' ? findLocalType(context, annotation.typeName.name) : undefined;
    const imported = annotation.typeName.type === 'Identifier' ? context.module.imports.get(annotation.typeName.name) : undefined;
    if (local?.type === 'TSInterfaceDeclaration') {
      addMembers(local.body, local.body.body, wanted, context, context.edits.indentOf(local));
    } else if (local?.type === 'TSTypeAliasDeclaration') {
      const literal = local.typeAnnotation.type === 'TSTypeLiteral'
        ? local.typeAnnotation
        : local.typeAnnotation.types?.find((type: Node) => type.type === 'TSTypeLiteral');
      if (!literal) {
        context.todo(info.ctorPath!, `add ${wanted.map(([, line]) => `\`${line}\``).join(', ')} to the props type ${typeText}, then re-run`);
        return;
      }
      addMembers(literal, literal.members, wanted, context, classIndent);
    } else if (imported && imported.source.startsWith('.')) {
      const file = resolveModuleFile(context.module.filePath, imported.source);
      const where = file ? relative(context.design.root, file) : imported.source;
      context.todo(info.ctorPath!, `add ${wanted.map(([, line]) => `\`${line}\``).join(', ')} to ${typeText} in ${where}, then re-run`);
      return;
    } else {
      const name = createInterface(info, typeText, wanted, context);
      context.edits.replace(annotation, name);
    }
  } else {
    context.todo(info.ctorPath!, `add ${wanted.map(([, line]) => `\`${line}\``).join(', ')} to ${info.name}'s props type, then re-run`);
    return;
  }
  if (defaulted) {
    // `props: StackProps = {}`: a default cannot hold the tables, so props become required.
    context.edits.replace({ start: annotation.end, end: defaulted.end }, '');
  }
  if (param.optional && param.type === 'Identifier') {
    const question = context.source.indexOf('?', param.start + param.name.length);
    if (question !== -1 && question < annotation.start) context.edits.replace({ start: question, end: question + 1 }, '');
  }
}

export function declareTableProps(context: FileContext): void {
  for (const info of context.classes) {
    if (info.kind !== 'other' && info.needs.size > 0) declareClassTableProps(info, context);
  }
}
