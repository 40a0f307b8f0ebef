/**
 * Modules of the app as the seed evaluator sees them: parsed once, their top-level declarations,
 * imports (ESM and `require`) and exports (ESM and CommonJS), with relative module paths resolved
 * the way Node and TypeScript do (extensions, index files, `.js` specifiers of `.ts` files).
 * Nothing is ever run: values come from the evaluator reading these declarations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';

export type Binding =
  | { kind: 'var'; node: t.VariableDeclarator; init: t.Expression | null | undefined }
  | { kind: 'function'; node: t.FunctionDeclaration }
  | { kind: 'class'; node: t.ClassDeclaration }
  | { kind: 'import'; source: string; imported: string; node: t.Node }
  | { kind: 'assign'; node: t.AssignmentExpression };

export type ExportEntry = { kind: 'local'; name: string } | { kind: 'expression'; node: t.Expression | t.Declaration } | { kind: 'reexport'; source: string; imported: string };

export class ModuleScope {
  readonly bindings = new Map<string, Binding>();
  readonly exports = new Map<string, ExportEntry>();
  readonly starExports: string[] = [];
  /** `module.exports = X`. */
  cjsExport?: t.Expression;
  readonly cjsNamed = new Map<string, t.Expression>();
  /** Values of top-level bindings once evaluated (and the live store container while its seed code runs). */
  readonly values = new Map<string, { state: 'evaluating' | 'done'; value?: unknown }>();

  constructor(
    readonly rel: string,
    readonly abs: string,
    readonly ast: t.File | undefined,
    /** The parsed content of a `.json` module. */
    readonly json?: { value: unknown },
  ) {
    if (ast) this.index(ast.program.body);
  }

  get body(): t.Statement[] {
    return this.ast?.program.body ?? [];
  }

  private index(body: t.Statement[]): void {
    for (const statement of body) {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) this.indexDeclarator(declarator, statement.type === 'ExportNamedDeclaration');
      } else if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
        this.bindings.set(declaration.id.name, { kind: 'function', node: declaration });
        if (statement.type === 'ExportNamedDeclaration') this.exports.set(declaration.id.name, { kind: 'local', name: declaration.id.name });
      } else if (declaration?.type === 'ClassDeclaration' && declaration.id) {
        this.bindings.set(declaration.id.name, { kind: 'class', node: declaration });
        if (statement.type === 'ExportNamedDeclaration') this.exports.set(declaration.id.name, { kind: 'local', name: declaration.id.name });
      }
      if (statement.type === 'ImportDeclaration') {
        for (const specifier of statement.specifiers) {
          const imported = specifier.type === 'ImportDefaultSpecifier' ? 'default' : specifier.type === 'ImportNamespaceSpecifier' ? '*' : nameOf(specifier.imported);
          this.bindings.set(specifier.local.name, { kind: 'import', source: statement.source.value, imported, node: specifier });
        }
      } else if (statement.type === 'ExportNamedDeclaration' && !statement.declaration) {
        for (const specifier of statement.specifiers) {
          if (specifier.type !== 'ExportSpecifier') continue;
          const exported = nameOf(specifier.exported);
          this.exports.set(exported, statement.source ? { kind: 'reexport', source: statement.source.value, imported: specifier.local.name } : { kind: 'local', name: specifier.local.name });
        }
      } else if (statement.type === 'ExportDefaultDeclaration') {
        const value = statement.declaration;
        if ((value.type === 'FunctionDeclaration' || value.type === 'ClassDeclaration') && value.id) this.exports.set('default', { kind: 'local', name: value.id.name });
        else this.exports.set('default', { kind: 'expression', node: value as t.Expression });
      } else if (statement.type === 'ExportAllDeclaration') {
        this.starExports.push(statement.source.value);
      } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' && statement.expression.operator === '=') {
        this.indexAssignment(statement.expression);
      }
    }
  }

  private indexDeclarator(declarator: t.VariableDeclarator, exported: boolean): void {
    if (declarator.id.type === 'Identifier') {
      this.bindings.set(declarator.id.name, { kind: 'var', node: declarator, init: declarator.init });
      if (exported) this.exports.set(declarator.id.name, { kind: 'local', name: declarator.id.name });
      const required = getRequiredModule(declarator.init);
      if (required !== undefined) this.bindings.set(declarator.id.name, { kind: 'import', source: required, imported: 'module.exports', node: declarator });
      return;
    }
    // const { a, b: c } = require('./m')
    const required = getRequiredModule(declarator.init);
    if (declarator.id.type === 'ObjectPattern' && required !== undefined) {
      for (const property of declarator.id.properties) {
        if (property.type !== 'ObjectProperty' || property.value.type !== 'Identifier' || property.computed) continue;
        this.bindings.set(property.value.name, { kind: 'import', source: required, imported: nameOf(property.key as t.Identifier), node: declarator });
      }
    }
  }

  private indexAssignment(assignment: t.AssignmentExpression): void {
    const target = describeMember(assignment.left);
    if (target === 'module.exports') this.cjsExport = assignment.right;
    else if (target?.startsWith('module.exports.')) this.cjsNamed.set(target.slice('module.exports.'.length), assignment.right);
    else if (target?.startsWith('exports.')) this.cjsNamed.set(target.slice('exports.'.length), assignment.right);
    else if (assignment.left.type === 'Identifier' && !this.bindings.has(assignment.left.name)) {
      // a sloppy global: `users = [...]` at module level
      this.bindings.set(assignment.left.name, { kind: 'assign', node: assignment });
    }
  }
}

/** `require('./x')` (also `require('./x').default`) → './x'. */
export function getRequiredModule(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral') return node.arguments[0].value;
  return undefined;
}

export function describeMember(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = describeMember(node.object);
    return object ? `${object}.${node.property.name}` : undefined;
  }
  return undefined;
}

function nameOf(node: t.Identifier | t.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json'];

export class ModuleLoader {
  private readonly cache = new Map<string, ModuleScope | null>();

  constructor(readonly root: string) {}

  /** A module by path relative to the root; undefined when it cannot be read or parsed. */
  load(abs: string): ModuleScope | undefined {
    if (this.cache.has(abs)) return this.cache.get(abs) ?? undefined;
    let scope: ModuleScope | null = null;
    try {
      const text = fs.readFileSync(abs, 'utf8');
      const rel = path.relative(this.root, abs).split(path.sep).join('/');
      if (abs.endsWith('.json')) scope = new ModuleScope(rel, abs, undefined, { value: JSON.parse(text) });
      else scope = new ModuleScope(rel, abs, parseModule(abs, text));
    } catch {
      scope = null;
    }
    this.cache.set(abs, scope);
    return scope ?? undefined;
  }

  /** A relative specifier from `fromAbs`, resolved like Node/TypeScript; packages are not followed. */
  resolve(fromAbs: string, specifier: string): string | undefined {
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined;
    const base = path.resolve(path.dirname(fromAbs), specifier);
    const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
    if (/\.(c|m)?js$/.test(base)) candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => base.replace(/\.(c|m)?js$/, ext)));
    return candidates.find((candidate) => {
      try {
        return fs.statSync(candidate).isFile();
      } catch {
        return false;
      }
    });
  }
}

export function parseModule(file: string, text: string): t.File {
  const typescript = /\.(ts|tsx|mts|cts)$/.test(file);
  const plugins: ParserPlugin[] = ['classProperties', 'classPrivateProperties', 'decorators-legacy', 'topLevelAwait', 'importAttributes'];
  if (typescript) plugins.push('typescript');
  if (!/\.(ts|mts|cts)$/.test(file)) plugins.push('jsx');
  return parse(text, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true, errorRecovery: true, plugins });
}
