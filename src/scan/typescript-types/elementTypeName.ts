import * as t from '@babel/types';

/**
 * The record type of a collection type annotation: `Note[]`, `Array<Note>`, `ReadonlyArray<Note>`,
 * `Map<string, Note>`, `Record<string, Note>`, `{ [id: string]: Note }` → `Note`.
 */
export function elementTypeName(type: t.Node | null | undefined): string | undefined {
  if (!type) return undefined;
  if (t.isTSTypeAnnotation(type)) return elementTypeName(type.typeAnnotation);
  if (t.isTSParenthesizedType(type)) return elementTypeName(type.typeAnnotation);
  if (t.isTSArrayType(type)) return referenceName(type.elementType);
  if (t.isTSTypeReference(type)) {
    const name = typeReferenceName(type.typeName);
    const params = type.typeParameters?.params ?? [];
    if ((name === 'Array' || name === 'ReadonlyArray') && params.length === 1) return referenceName(params[0]);
    if ((name === 'Map' || name === 'Record' || name === 'ReadonlyMap') && params.length === 2) return referenceName(params[1]);
    return undefined;
  }
  if (t.isTSTypeLiteral(type)) {
    const index = type.members.find((m): m is t.TSIndexSignature => t.isTSIndexSignature(m));
    return index?.typeAnnotation ? referenceName(index.typeAnnotation.typeAnnotation) : undefined;
  }
  if (t.isTSUnionType(type)) {
    for (const member of type.types) {
      const found = elementTypeName(member);
      if (found) return found;
    }
  }
  return undefined;
}

/** `new Map<string, Session>()` → `Session`. */
export function elementTypeOfNew(node: t.Node): string | undefined {
  if (!t.isNewExpression(node) || !t.isIdentifier(node.callee)) return undefined;
  const params = node.typeParameters && t.isTSTypeParameterInstantiation(node.typeParameters) ? node.typeParameters.params : [];
  if (node.callee.name === 'Map' && params.length === 2) return referenceName(params[1]);
  if (node.callee.name === 'Array' && params.length === 1) return referenceName(params[0]);
  return undefined;
}

/** The plain name of a type reference (`Note`, `models.Note` → `Note`). */
export function referenceName(type: t.Node | null | undefined): string | undefined {
  if (!type) return undefined;
  if (t.isTSTypeReference(type) && !type.typeParameters) return typeReferenceName(type.typeName);
  if (t.isTSParenthesizedType(type)) return referenceName(type.typeAnnotation);
  return undefined;
}

export function typeReferenceName(name: t.TSEntityName): string {
  if (t.isIdentifier(name)) return name.name;
  if (t.isTSQualifiedName(name)) return name.right.name;
  return '';
}
