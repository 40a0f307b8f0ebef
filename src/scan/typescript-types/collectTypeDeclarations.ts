import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FieldRecord } from '../../model/access-model';
import type { SourceFile } from '../types';
import { typeReferenceName } from './elementTypeName';
import { walkPaths } from '../walkPaths';

/** A record-shaped type of the project: interface, object type alias, or class with typed properties. */
export interface TypeDeclaration {
  name: string;
  file: SourceFile;
  kind: 'interface' | 'type' | 'class';
  members: { name: string; type?: t.TSType }[];
  /** Names of extended interfaces / intersected type references, resolved later by name. */
  bases: string[];
}

/** Every interface, object type alias and class with typed properties in the project's TS files. */
export function collectTypeDeclarations(sources: SourceFile[]): Map<string, TypeDeclaration[]> {
  const byName = new Map<string, TypeDeclaration[]>();
  const add = (declaration: TypeDeclaration): void => {
    const list = byName.get(declaration.name) ?? [];
    list.push(declaration);
    byName.set(declaration.name, list);
  };
  for (const file of sources) {
    if (!file.typescript) continue;
    walkPaths(file.program, {
      TSInterfaceDeclaration(path) {
        add({
          name: path.node.id.name,
          file,
          kind: 'interface',
          members: signatureMembers(path.node.body.body),
          bases: (path.node.extends ?? []).map((e) => (t.isIdentifier(e.expression) ? e.expression.name : '')).filter(Boolean),
        });
      },
      TSTypeAliasDeclaration(path) {
        const shape = objectShape(path.node.typeAnnotation);
        if (shape) add({ name: path.node.id.name, file, kind: 'type', ...shape });
      },
      Class(path) {
        const name = path.node.id?.name;
        if (!name) return;
        const members = classMembers(path);
        if (members.length > 0) add({ name, file, kind: 'class', members, bases: [] });
      },
    });
  }
  return byName;
}

function signatureMembers(elements: t.TSTypeElement[]): TypeDeclaration['members'] {
  const members: TypeDeclaration['members'] = [];
  for (const element of elements) {
    if (!t.isTSPropertySignature(element) || element.computed) continue;
    const name = t.isIdentifier(element.key) ? element.key.name : t.isStringLiteral(element.key) ? element.key.value : undefined;
    if (name) members.push({ name, type: element.typeAnnotation?.typeAnnotation });
  }
  return members;
}

/** `{ … }` or `A & { … }`: the literal members plus the referenced bases. */
function objectShape(type: t.TSType): Pick<TypeDeclaration, 'members' | 'bases'> | undefined {
  if (t.isTSTypeLiteral(type)) {
    if (type.members.some((m) => t.isTSIndexSignature(m))) return undefined;
    return { members: signatureMembers(type.members), bases: [] };
  }
  if (t.isTSIntersectionType(type)) {
    const members: TypeDeclaration['members'] = [];
    const bases: string[] = [];
    for (const part of type.types) {
      if (t.isTSTypeLiteral(part)) members.push(...signatureMembers(part.members));
      else if (t.isTSTypeReference(part) && !part.typeParameters) bases.push(typeReferenceName(part.typeName));
      else return undefined;
    }
    return { members, bases };
  }
  return undefined;
}

function classMembers(path: NodePath<t.Class>): TypeDeclaration['members'] {
  const members: TypeDeclaration['members'] = [];
  for (const member of path.node.body.body) {
    if (t.isClassProperty(member) && !member.static && !member.computed && t.isIdentifier(member.key) && member.typeAnnotation && t.isTSTypeAnnotation(member.typeAnnotation)) {
      members.push({ name: member.key.name, type: member.typeAnnotation.typeAnnotation });
    }
    if (t.isClassMethod(member) && member.kind === 'constructor') {
      for (const param of member.params) {
        if (!t.isTSParameterProperty(param)) continue;
        const inner = t.isAssignmentPattern(param.parameter) ? param.parameter.left : param.parameter;
        if (t.isIdentifier(inner)) {
          const annotation = inner.typeAnnotation && t.isTSTypeAnnotation(inner.typeAnnotation) ? inner.typeAnnotation.typeAnnotation : undefined;
          members.push({ name: inner.name, type: annotation });
        }
      }
    }
  }
  return members;
}

/** A field type in the access model's words: string/number/boolean/array/object/Date, else the TS text. */
export function fieldType(type: t.TSType | undefined, file: SourceFile, aliases: Map<string, TypeDeclaration[]>, aliasTypes: Map<string, t.TSType>, depth = 0): string | undefined {
  if (!type || depth > 4) return undefined;
  if (t.isTSStringKeyword(type) || t.isTSTemplateLiteralType(type)) return 'string';
  if (t.isTSNumberKeyword(type) || t.isTSBigIntKeyword(type)) return 'number';
  if (t.isTSBooleanKeyword(type)) return 'boolean';
  if (t.isTSArrayType(type) || t.isTSTupleType(type)) return 'array';
  if (t.isTSTypeLiteral(type) || t.isTSObjectKeyword(type) || t.isTSMappedType(type)) return 'object';
  if (t.isTSLiteralType(type)) {
    const literal = type.literal;
    if (t.isStringLiteral(literal)) return 'string';
    if (t.isNumericLiteral(literal)) return 'number';
    if (t.isBooleanLiteral(literal)) return 'boolean';
    return undefined;
  }
  if (t.isTSParenthesizedType(type)) return fieldType(type.typeAnnotation, file, aliases, aliasTypes, depth + 1);
  if (t.isTSUnionType(type)) {
    const parts = type.types.filter((p) => !t.isTSNullKeyword(p) && !t.isTSUndefinedKeyword(p));
    const kinds = new Set(parts.map((p) => fieldType(p, file, aliases, aliasTypes, depth + 1)));
    if (kinds.size === 1) return [...kinds][0];
    return [...kinds].every(Boolean) ? [...kinds].sort().join(' | ') : sourceText(file, type);
  }
  if (t.isTSTypeReference(type)) {
    const name = typeReferenceName(type.typeName);
    if (name === 'Date') return 'Date';
    if (name === 'Array' || name === 'ReadonlyArray' || name === 'Set') return 'array';
    if (name === 'Record' || name === 'Map' || name === 'Partial' || aliases.has(name)) return 'object';
    const aliased = aliasTypes.get(name);
    if (aliased) return fieldType(aliased, file, aliases, aliasTypes, depth + 1);
    return name;
  }
  return sourceText(file, type);
}

function sourceText(file: SourceFile, node: t.Node): string | undefined {
  return node.start != null && node.end != null ? file.text.slice(node.start, node.end) : undefined;
}

/** `type Warehouse = 'north' | 'south'` and other non-object aliases, by name. */
export function collectScalarAliases(sources: SourceFile[]): Map<string, t.TSType> {
  const aliases = new Map<string, t.TSType>();
  for (const file of sources) {
    if (!file.typescript) continue;
    for (const statement of file.ast.program.body) {
      const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
      if (t.isTSTypeAliasDeclaration(declaration) && !objectShape(declaration.typeAnnotation)) aliases.set(declaration.id.name, declaration.typeAnnotation);
    }
  }
  return aliases;
}

export function toFields(declaration: TypeDeclaration, aliases: Map<string, TypeDeclaration[]>, aliasTypes: Map<string, t.TSType>): FieldRecord[] {
  return declaration.members.map((member) => {
    const type = fieldType(member.type, declaration.file, aliases, aliasTypes);
    return type ? { name: member.name, type } : { name: member.name };
  });
}
