import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { DataFile, SourceFile, ValueOrigin } from '../types';
import { collectModuleExports, memberName, type ModuleExports } from './collectModuleExports';
import { normalisePackageSpecifier } from './resolveModuleSpecifier';

/** Resolution gives up past this many hops (re-export and alias cycles). */
const MAX_DEPTH = 24;

export type ModuleLookup = (from: SourceFile, specifier: string) => SourceFile | DataFile | undefined;

/**
 * Follows values across the project: identifiers to their declarations, imports and requires
 * to the exporting module, members to object-literal properties, class members and exports.
 */
export class ValueResolver {
  private readonly exportsCache = new Map<SourceFile, ModuleExports>();
  /**
   * Memos of pure look-ups, keyed with the depth they ran at so the MAX_DEPTH cut-off gives the
   * same answers as without them: bindings (every use of `db` resolves its `require` once),
   * module specifiers per file, and the first top-level assignment of each sloppy global.
   */
  private readonly bindingCache = new Map<Binding, Map<number, ValueOrigin | undefined>>();
  private readonly specifierCache = new Map<SourceFile, Map<string, ValueOrigin | undefined>>();
  private readonly undeclaredCache = new Map<SourceFile, Map<string, NodePath<t.AssignmentExpression>>>();

  constructor(private readonly lookupModule: ModuleLookup) {}

  exportsOf(file: SourceFile): ModuleExports {
    let cached = this.exportsCache.get(file);
    if (!cached) {
      cached = collectModuleExports(file);
      this.exportsCache.set(file, cached);
    }
    return cached;
  }

  resolveExpression(file: SourceFile, path: NodePath, depth = 0): ValueOrigin | undefined {
    if (depth > MAX_DEPTH || !path.node) return undefined;
    const inner = unwrapTypeWrappers(path);
    if (inner.isIdentifier()) return this.resolveIdentifier(file, inner, depth + 1);
    if (inner.isMemberExpression() || inner.isOptionalMemberExpression()) {
      const name = memberName(inner.node);
      if (name === undefined) return undefined;
      const object = inner.get('object') as NodePath;
      if (object.isThisExpression()) return this.resolveThisMember(file, inner, name);
      const origin = this.resolveExpression(file, object, depth + 1);
      return origin ? this.resolveMember(origin, name, depth + 1) : undefined;
    }
    if (inner.isCallExpression()) {
      const specifier = requireSpecifier(inner.node);
      if (specifier !== undefined) return this.resolveSpecifier(file, specifier, depth + 1);
    }
    if (inner.isAwaitExpression()) {
      const argument = inner.get('argument');
      if (argument.isImport() || (argument.isCallExpression() && t.isImport(argument.node.callee))) {
        const call = argument.node as t.CallExpression;
        const first = call.arguments[0];
        if (t.isStringLiteral(first)) return this.resolveSpecifier(file, first.value, depth + 1);
      }
    }
    if (inner.isNewExpression()) {
      const callee = this.resolveExpression(file, inner.get('callee') as NodePath, depth + 1);
      if (callee?.kind === 'declaration' && callee.path.isClass()) {
        return { kind: 'instance', file: callee.file, classPath: callee.path };
      }
    }
    if (inner.isClass() || inner.isFunction()) {
      const id = (inner.node as t.Class | t.FunctionDeclaration).id;
      return { kind: 'declaration', file, name: id?.name ?? '', path: inner };
    }
    if (inner.isExpression()) return { kind: 'expression', file, path: inner };
    return undefined;
  }

  resolveMember(origin: ValueOrigin, member: string, depth = 0): ValueOrigin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (origin.kind) {
      case 'module':
        return this.resolveExport(origin.file, member, depth + 1);
      case 'data':
        return { kind: 'data', file: origin.file, members: [...origin.members, member] };
      case 'package':
        return { kind: 'package', module: origin.module, members: [...origin.members, member] };
      case 'instance':
        return this.resolveClassMember(origin.file, origin.classPath, member, false);
      case 'this-member':
        return undefined;
      case 'expression':
        return this.resolveMemberOfNode(origin.file, origin.path, member, depth + 1);
      case 'declaration': {
        const augmented = this.resolveAugmentedModuleValue(origin.file, origin.path, member, depth + 1);
        if (augmented) return augmented;
        const declaration = origin.path;
        if (declaration.isVariableDeclarator()) {
          const init = declaration.get('init');
          return init.node ? this.resolveMemberOfNode(origin.file, init as NodePath, member, depth + 1) : undefined;
        }
        if (declaration.isClass()) return this.resolveClassMember(origin.file, declaration, member, true);
        if (declaration.isAssignmentExpression()) {
          return this.resolveMemberOfNode(origin.file, declaration.get('right'), member, depth + 1);
        }
        return undefined;
      }
    }
  }

  /** The value a module exports under `name` (`default` for default exports and CommonJS module values). */
  resolveExport(file: SourceFile, name: string, depth = 0): ValueOrigin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const exports = this.exportsOf(file);
    const target = exports.named.get(name);
    if (target?.kind === 'local') {
      const binding = file.program.scope.getBinding(target.name);
      return binding ? this.resolveBinding(file, binding, target.name, depth + 1) : this.resolveUndeclared(file, target.name);
    }
    if (target?.kind === 'node') return this.resolveExpression(file, target.path, depth + 1);
    if (target?.kind === 're-export') {
      const origin = this.resolveSpecifier(file, target.specifier, depth + 1);
      if (!origin) return undefined;
      return target.imported === '*' ? origin : this.resolveMember(origin, target.imported, depth + 1);
    }
    if (exports.moduleValue) {
      const value = this.resolveExpression(file, exports.moduleValue, depth + 1);
      if (name === 'default') return value;
      return value ? this.resolveMember(value, name, depth + 1) : undefined;
    }
    for (const specifier of exports.starFrom) {
      const origin = this.resolveSpecifier(file, specifier, depth + 1);
      const found = origin ? this.resolveMember(origin, name, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  resolveSpecifier(file: SourceFile, specifier: string, depth: number): ValueOrigin | undefined {
    let perFile = this.specifierCache.get(file);
    if (!perFile) this.specifierCache.set(file, (perFile = new Map()));
    const key = `${depth}:${specifier}`;
    if (perFile.has(key)) return perFile.get(key);
    const origin = this.resolveSpecifierUncached(file, specifier, depth);
    perFile.set(key, origin);
    return origin;
  }

  private resolveSpecifierUncached(file: SourceFile, specifier: string, depth: number): ValueOrigin | undefined {
    const target = this.lookupModule(file, specifier);
    if (!target) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
      const normalised = normalisePackageSpecifier(specifier);
      return { kind: 'package', module: normalised.module, members: normalised.members };
    }
    if (!('program' in target)) return { kind: 'data', file: target, members: [] };
    const exports = this.exportsOf(target);
    if (exports.moduleValue) return this.resolveExpression(target, exports.moduleValue, depth + 1) ?? { kind: 'module', file: target };
    return { kind: 'module', file: target };
  }

  private resolveIdentifier(file: SourceFile, path: NodePath<t.Identifier>, depth: number): ValueOrigin | undefined {
    const name = path.node.name;
    const binding = path.scope.getBinding(name);
    if (!binding) return this.resolveUndeclared(file, name);
    return this.resolveBinding(file, binding, name, depth);
  }

  private resolveBinding(file: SourceFile, binding: Binding, name: string, depth: number): ValueOrigin | undefined {
    // A binding is looked up under its own name (scope look-up or a local export of that name).
    if (binding.identifier?.name !== name) return this.resolveBindingUncached(file, binding, name, depth);
    let perDepth = this.bindingCache.get(binding);
    if (!perDepth) this.bindingCache.set(binding, (perDepth = new Map()));
    if (perDepth.has(depth)) return perDepth.get(depth);
    const origin = this.resolveBindingUncached(file, binding, name, depth);
    perDepth.set(depth, origin);
    return origin;
  }

  private resolveBindingUncached(file: SourceFile, binding: Binding, name: string, depth: number): ValueOrigin | undefined {
    const declaration = binding.path;
    if (binding.kind === 'module') return this.resolveImport(file, declaration, depth);
    if (binding.kind === 'param') {
      const typed = this.resolveParameterType(file, binding, depth);
      if (typed) return typed;
    }
    if (declaration.isVariableDeclarator()) {
      const id = declaration.get('id');
      const init = declaration.get('init');
      if (id.isObjectPattern() && init.node) {
        const key = destructuredKey(id.node, name);
        const source = this.resolveExpression(file, init as NodePath, depth + 1);
        const member = source && key ? this.resolveMember(source, key, depth + 1) : undefined;
        return member ?? { kind: 'declaration', file, name, path: declaration };
      }
      // Aliases (`const db = require('./db')`, `const data = store.data`) follow the value;
      // anything else is its own origin (the declarator), so stores compare by declaration.
      if (id.isIdentifier() && init.node && isAliasInit(init.node) && binding.constant) {
        const followed = this.resolveExpression(file, init as NodePath, depth + 1);
        if (followed && followed.kind !== 'expression') return followed;
      }
      return { kind: 'declaration', file, name, path: declaration };
    }
    return { kind: 'declaration', file, name, path: declaration };
  }

  /** `(users: UserRepository) => users.delete(id)`: a parameter typed with a project class is an instance of it. */
  private resolveParameterType(file: SourceFile, binding: Binding, depth: number): ValueOrigin | undefined {
    const annotation = (binding.identifier as t.Identifier).typeAnnotation;
    const type = t.isTSTypeAnnotation(annotation) ? annotation.typeAnnotation : undefined;
    if (!t.isTSTypeReference(type) || !t.isIdentifier(type.typeName)) return undefined;
    const typeBinding = binding.path.scope.getBinding(type.typeName.name);
    if (!typeBinding) return undefined;
    // `import type { X }` makes an 'unknown' binding in Babel, still an import to follow
    const isTypeImport = typeBinding.kind === 'unknown' && typeBinding.path.parentPath?.isImportDeclaration();
    const origin = isTypeImport ? this.resolveImport(file, typeBinding.path, depth + 1) : this.resolveBinding(file, typeBinding, type.typeName.name, depth + 1);
    return origin?.kind === 'declaration' && origin.path.isClass() ? { kind: 'instance', file: origin.file, classPath: origin.path } : undefined;
  }

  private resolveImport(file: SourceFile, specifierPath: NodePath, depth: number): ValueOrigin | undefined {
    const declaration = specifierPath.parentPath;
    if (!declaration?.isImportDeclaration()) return undefined;
    const source = declaration.node.source.value;
    const module = this.resolveSpecifier(file, source, depth + 1);
    if (!module) return undefined;
    if (specifierPath.isImportNamespaceSpecifier()) return module;
    if (specifierPath.isImportDefaultSpecifier()) {
      if (module.kind === 'module') return this.resolveExport(module.file, 'default', depth + 1) ?? module;
      return module;
    }
    if (specifierPath.isImportSpecifier()) {
      const imported = specifierPath.node.imported;
      const importedName = t.isIdentifier(imported) ? imported.name : imported.value;
      if (importedName === 'default' && module.kind !== 'module') return module;
      return this.resolveMember(module, importedName, depth + 1);
    }
    return undefined;
  }

  /** Sloppy-mode globals (`users = []` with no declaration): the first top-level assignment declares them. */
  private resolveUndeclared(file: SourceFile, name: string): ValueOrigin | undefined {
    let firstAssignments = this.undeclaredCache.get(file);
    if (!firstAssignments) {
      firstAssignments = new Map();
      for (const statement of file.program.get('body')) {
        if (!statement.isExpressionStatement()) continue;
        const expression = statement.get('expression');
        if (expression.isAssignmentExpression({ operator: '=' }) && t.isIdentifier(expression.node.left)) {
          const assigned = expression.node.left.name;
          if (!firstAssignments.has(assigned)) firstAssignments.set(assigned, expression);
        }
      }
      this.undeclaredCache.set(file, firstAssignments);
    }
    const expression = firstAssignments.get(name);
    return expression ? { kind: 'declaration', file, name, path: expression } : undefined;
  }

  /**
   * `module.exports = db; module.exports.query = query;` adds `query` to `db` itself, so `db.query`
   * (in the module, or through `require('./database')`) is that export.
   */
  private resolveAugmentedModuleValue(file: SourceFile, declaration: NodePath, member: string, depth: number): ValueOrigin | undefined {
    const exports = this.exportsOf(file);
    const value = exports.moduleValue ? unwrapTypeWrappers(exports.moduleValue) : undefined;
    if (!value?.isIdentifier() || exports.named.get(member)?.kind !== 'node') return undefined;
    if (value.scope.getBinding(value.node.name)?.path.node !== declaration.node) return undefined;
    return this.resolveExport(file, member, depth);
  }

  private resolveThisMember(file: SourceFile, path: NodePath, name: string): ValueOrigin | undefined {
    const classPath = enclosingClassOfThis(path);
    if (!classPath) return undefined;
    return this.resolveClassMember(file, classPath, name, false) ?? { kind: 'this-member', file, classPath, name };
  }

  private resolveClassMember(
    file: SourceFile,
    classPath: NodePath<t.Class>,
    name: string,
    isStatic: boolean,
  ): ValueOrigin | undefined {
    for (const member of classPath.get('body').get('body')) {
      const node = member.node;
      if (!('key' in node) || !('static' in node) || Boolean(node.static) !== isStatic) continue;
      const key = node.key;
      const keyName = t.isIdentifier(key) ? key.name : t.isStringLiteral(key) ? key.value : t.isPrivateName(key) ? `#${key.id.name}` : undefined;
      if (keyName === name) return { kind: 'declaration', file, name, path: member };
    }
    if (!isStatic) return { kind: 'this-member', file, classPath, name };
    return undefined;
  }

  private resolveMemberOfNode(file: SourceFile, path: NodePath, member: string, depth: number): ValueOrigin | undefined {
    const inner = unwrapTypeWrappers(path);
    if (inner.isObjectExpression()) {
      for (const property of inner.get('properties')) {
        if (property.isObjectProperty() && propertyKeyName(property.node) === member) {
          return this.resolveExpression(file, property.get('value') as NodePath, depth + 1);
        }
        if (property.isObjectMethod() && propertyKeyName(property.node) === member) {
          return { kind: 'declaration', file, name: member, path: property };
        }
      }
      return undefined;
    }
    const origin = this.resolveExpression(file, inner, depth + 1);
    if (!origin) return undefined;
    if (origin.kind === 'expression') {
      // `require('./db')` whose module value is an object literal: look into that literal.
      return origin.path.node !== inner.node ? this.resolveMemberOfNode(origin.file, origin.path, member, depth + 1) : undefined;
    }
    return this.resolveMember(origin, member, depth + 1);
  }
}

export function unwrapTypeWrappers(path: NodePath): NodePath {
  let current = path;
  while (
    current.isTSAsExpression() ||
    current.isTSNonNullExpression() ||
    current.isTSSatisfiesExpression() ||
    current.isTSTypeAssertion() ||
    current.isParenthesizedExpression() ||
    current.isTypeCastExpression()
  ) {
    current = current.get('expression') as NodePath;
  }
  return current;
}

/** `require('x')` → 'x' (also `require('x').y` is handled by member resolution). */
export function requireSpecifier(node: t.CallExpression): string | undefined {
  const first = node.arguments[0];
  if (!t.isStringLiteral(first)) return undefined;
  if (t.isIdentifier(node.callee, { name: 'require' }) || t.isImport(node.callee)) return first.value;
  return undefined;
}

function isAliasInit(node: t.Node): boolean {
  if (t.isTSAsExpression(node) || t.isTSNonNullExpression(node) || t.isTSSatisfiesExpression(node)) return isAliasInit(node.expression);
  if (t.isIdentifier(node) || t.isMemberExpression(node)) return true;
  if (t.isCallExpression(node)) return requireSpecifier(node) !== undefined;
  if (t.isAwaitExpression(node)) return t.isCallExpression(node.argument) && t.isImport(node.argument.callee);
  return false;
}

function destructuredKey(pattern: t.ObjectPattern, localName: string): string | undefined {
  for (const property of pattern.properties) {
    if (!t.isObjectProperty(property)) continue;
    const value = t.isAssignmentPattern(property.value) ? property.value.left : property.value;
    if (t.isIdentifier(value, { name: localName })) return propertyKeyName(property);
  }
  return undefined;
}

export function propertyKeyName(node: t.ObjectProperty | t.ObjectMethod | t.ClassProperty | t.ClassMethod): string | undefined {
  if (node.computed) return t.isStringLiteral(node.key) ? node.key.value : undefined;
  if (t.isIdentifier(node.key)) return node.key.name;
  if (t.isStringLiteral(node.key)) return node.key.value;
  if (t.isNumericLiteral(node.key)) return String(node.key.value);
  return undefined;
}

/** The class whose instance `this` is at `path` (arrow functions see through, plain functions do not). */
export function enclosingClassOfThis(path: NodePath): NodePath<t.Class> | undefined {
  let current: NodePath | null = path.parentPath;
  while (current) {
    if (current.isClass()) return current;
    if (current.isFunction() && !current.isArrowFunctionExpression() && !current.isClassMethod() && !current.isClassPrivateMethod()) {
      return undefined;
    }
    current = current.parentPath;
  }
  return undefined;
}
