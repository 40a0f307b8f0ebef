/**
 * Adds the imports emitted code needs — SDK command classes from '@aws-sdk/lib-dynamodb', the
 * shared client's exports — in the file's module system: `import { … } from` for ESM and
 * TypeScript, `const { … } = require(…)` for CommonJS. An existing import of the same module is
 * extended instead of duplicated, so a re-run adds nothing.
 */
import * as path from 'node:path';
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { quoted, statements } from '../../emit/emitContext';
import type { FileRewrite } from './FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ImportRequest {
  module: string;
  /** exported name → local name */
  names: [string, string][];
}

export function usesEsm(rewrite: FileRewrite): boolean {
  if (/\.(ts|tsx|mts)$/.test(rewrite.rel) || rewrite.rel.endsWith('.mjs')) return true;
  if (rewrite.rel.endsWith('.cjs') || rewrite.rel.endsWith('.cts')) return false;
  const program = rewrite.root.paths()[0].node.program ?? rewrite.root.paths()[0].node;
  return (program.body as AnyNode[]).some((node) => node.type === 'ImportDeclaration' || node.type.startsWith('Export')) || program.sourceType === 'module' && !(program.body as AnyNode[]).some(isRequireDeclaration);
}

/** Adds every request: extends an existing import of the module, or inserts new ones together after the imports. */
export function ensureImports(rewrite: FileRewrite, requests: ImportRequest[]): void {
  const program = programOf(rewrite);
  const body = program.body as AnyNode[];
  const esm = usesEsm(rewrite);
  const lines: string[] = [];
  for (const request of requests) {
    if (!request.names.length || extendExisting(rewrite, body, request, esm)) continue;
    if (esm) {
      const specifiers = request.names.map(([exported, local]) => (exported === local ? exported : `${exported} as ${local}`)).join(', ');
      lines.push(`import { ${specifiers} } from ${quoted(rewrite.emit, request.module)};`);
    } else {
      const properties = request.names.map(([exported, local]) => (exported === local ? exported : `${exported}: ${local}`)).join(', ');
      lines.push(`const { ${properties} } = require(${quoted(rewrite.emit, request.module)});`);
    }
  }
  if (!lines.length) return;
  // one template for all new lines: recast keeps them on their own lines
  const nodes = statements(rewrite.emit, [`${lines.join('\n')}\n`]);
  insertAfterImports(rewrite, body, nodes);
}

function extendExisting(rewrite: FileRewrite, body: AnyNode[], request: ImportRequest, esm: boolean): boolean {
  const { j } = rewrite;
  if (esm) {
    const existing = body.find((node) => node.type === 'ImportDeclaration' && node.source.value === request.module && node.importKind !== 'type' && node.specifiers.every((s: AnyNode) => s.type === 'ImportSpecifier'));
    if (!existing) return false;
    for (const [exported, local] of request.names) {
      if (existing.specifiers.some((s: AnyNode) => s.local.name === local)) continue;
      existing.specifiers.push(j.importSpecifier(j.identifier(exported), j.identifier(local)));
    }
    return true;
  }
  const existing = body.find(
    (node) =>
      node.type === 'VariableDeclaration' &&
      node.declarations.length === 1 &&
      node.declarations[0].id.type === 'ObjectPattern' &&
      isRequireOf(node.declarations[0].init, request.module),
  );
  if (!existing) return false;
  const pattern = existing.declarations[0].id;
  for (const [exported, local] of request.names) {
    if (pattern.properties.some((p: AnyNode) => p.value?.name === local)) continue;
    const property = j.objectProperty(j.identifier(exported), j.identifier(local));
    if (exported === local) (property as AnyNode).shorthand = true;
    pattern.properties.push(property);
  }
  return true;
}

/** The specifier that imports `targetRel` from `fromRel`, in the style the file already uses. */
export function relativeSpecifier(rewrite: FileRewrite, fromRel: string, targetRel: string): string {
  let relative = path.posix.relative(path.posix.dirname(fromRel), targetRel);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const ext = path.posix.extname(relative);
  const withoutExt = relative.slice(0, -ext.length);
  if (!usesEsm(rewrite)) return withoutExt;
  if (/\.(mjs|cjs)$/.test(ext)) return relative;
  if (/\.(ts|tsx|mts)$/.test(ext)) {
    // TypeScript: follow the file's own relative imports (`./x.js` under NodeNext, bare `./x` otherwise)
    const programBody = programOf(rewrite).body as AnyNode[];
    const relatives = programBody.filter((node) => node.type === 'ImportDeclaration' && String(node.source.value).startsWith('.')).map((node) => String(node.source.value));
    // a file without relative imports follows the project's other files
    const withJs = relatives.length ? relatives.some((value) => /\.js$/.test(value)) : projectImportsWithJs(rewrite);
    return withJs ? `${withoutExt}${ext === '.mts' ? '.mjs' : '.js'}` : withoutExt;
  }
  return relative; // ESM JavaScript needs the extension
}

function projectImportsWithJs(rewrite: FileRewrite): boolean {
  return rewrite.analysis.project.sources.some((source) =>
    source.ast.program.body.some((node) => node.type === 'ImportDeclaration' && /^\..*\.js$/.test(String(node.source.value))),
  );
}

function programOf(rewrite: FileRewrite): AnyNode {
  const rootNode = rewrite.root.paths()[0].node as AnyNode;
  return rootNode.program ?? rootNode;
}

function insertAfterImports(rewrite: FileRewrite, body: AnyNode[], nodes: AnyNode[]): void {
  const node = nodes[0];
  let index = 0;
  body.forEach((item, position) => {
    if (item.type === 'ImportDeclaration' || isRequireDeclaration(item) || (item.type === 'ExpressionStatement' && item.directive)) index = position + 1;
  });
  if (index === 0 && body.length && (body[0] as AnyNode).comments?.length) {
    // keep a file's header comment at the top
    const first = body[0] as AnyNode;
    node.comments = first.comments.filter((comment: AnyNode) => comment.leading !== false && isHeaderComment(rewrite, comment));
    first.comments = first.comments.filter((comment: AnyNode) => !node.comments.includes(comment));
    if (!node.comments.length) delete node.comments;
  }
  body.splice(index, 0, ...nodes);
}

function isHeaderComment(rewrite: FileRewrite, comment: AnyNode): boolean {
  return /^#!|@format|eslint|license|copyright/i.test(String(comment.value)) || rewrite.source.trimStart().startsWith('//') || rewrite.source.trimStart().startsWith('/*');
}

function isRequireDeclaration(node: AnyNode): boolean {
  if (node.type !== 'VariableDeclaration') return false;
  return node.declarations.every((declarator: AnyNode) => {
    let init = declarator.init as AnyNode | undefined;
    while (init && init.type === 'MemberExpression') init = init.object;
    return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
  });
}

function isRequireOf(node: AnyNode | undefined, module: string): boolean {
  return Boolean(node && node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.value === module);
}

