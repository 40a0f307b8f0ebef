/**
 * stack-templates/shared-db-client.cjs is produced from shared-db-client.ts, the one hand-written
 * source of the shared client (UPDATE_CLIENT_TEMPLATE=1 npx jest test/emit/client-template-cjs.spec.ts).
 *
 * Why not `ts.transpileModule`: its printer re-indents to 4 spaces, drops every blank line, splits
 * `if (x) return y;` over two lines and loses a comment that leads a type-only declaration (the
 * `// dynamodb-codemod:end-tables` marker leads `type Item`). Migrated apps read this file, so
 * instead the TypeScript-only syntax is cut out of the text where the TypeScript parser finds it,
 * and everything else (layout, comments, marker regions) stays as written. typescript is a
 * devDependency: this runs in the repo only, never in `apply`.
 */
import * as ts from 'typescript';

interface Edit {
  start: number;
  end: number;
  text: string;
}

const TABLES_START = '// dynamodb-codemod:tables\n';
const TABLES_END = '// dynamodb-codemod:end-tables\n';

/** The CommonJS text of the TypeScript client template: types erased, imports as requires, one module.exports block. */
export function transpileClientTemplate(source: string, fileName = 'shared-db-client.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  const exported: string[] = [];
  const cut = (start: number, end: number, text = '') => edits.push({ start, end, text });
  const fail = (node: ts.Node, what: string): never => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    throw new Error(`${fileName}:${line + 1}: ${what} is not supported by transpileClientTemplate; keep the template to plain functions and constants`);
  };

  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      cut(statement.getStart(), statement.end, renderRequire(statement, fail));
      continue;
    }
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
      cut(startWithDoc(statement), statement.end);
      continue;
    }
    const exportKeyword = ts.canHaveModifiers(statement) ? ts.getModifiers(statement)?.find((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) : undefined;
    if (exportKeyword) {
      cut(exportKeyword.getStart(), exportKeyword.end + 1);
      if (ts.isFunctionDeclaration(statement) && statement.name) exported.push(statement.name.text);
      else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (!ts.isIdentifier(declaration.name)) fail(declaration, 'an exported destructuring');
          exported.push((declaration.name as ts.Identifier).text);
        }
      } else fail(statement, 'this kind of export');
    }
  }

  const visit = (node: ts.Node): void => {
    if (ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) fail(node, ts.SyntaxKind[node.kind]);
    // a type is cut whole, with whatever it holds (the parameters of a function type)
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if ((ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.type) {
      const from = ts.isParameter(node) && node.questionToken ? node.questionToken.getStart() : colonBefore(node.type);
      cut(from, node.type.end);
    }
    if (ts.isFunctionLike(node)) {
      if (node.type) cut(colonBefore(node.type), node.type.end);
      if (node.typeParameters) cut(...bracketsAround(node.typeParameters));
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.typeArguments) cut(...bracketsAround(node.typeArguments));
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
      cut(node.expression.end, node.end);
      const inner = node.expression;
      // `(x as Item)[key]` → `x[key]`: the parentheses only held the cast
      if (ts.isParenthesizedExpression(node.parent) && isPrimary(inner)) {
        cut(node.parent.getStart(), node.parent.getStart() + 1);
        cut(node.parent.end - 1, node.parent.end);
      }
      // `const item = (params.Item ?? {}) as Item;` → `const item = params.Item ?? {};`
      if (ts.isParenthesizedExpression(inner) && (ts.isVariableDeclaration(node.parent) || ts.isReturnStatement(node.parent))) {
        cut(inner.getStart(), inner.getStart() + 1);
        cut(inner.end - 1, inner.end);
      }
    }
    if (ts.isNonNullExpression(node)) cut(node.end - 1, node.end);
    ts.forEachChild(node, visit);
  };
  visit(file);

  let text = source;
  let previous = source.length;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    if (edit.end > previous) throw new Error(`${fileName}: overlapping cuts at ${edit.start}; transpileClientTemplate needs a simpler construct there`);
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    previous = edit.start;
  }
  text = text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n');

  const tablesStart = source.indexOf(TABLES_START);
  const tablesEnd = source.indexOf(TABLES_END);
  if (tablesStart < 0 || tablesEnd < tablesStart) throw new Error(`${fileName}: the ${TABLES_START.trim()} … ${TABLES_END.trim()} region is missing`);
  const tableRegion = source.slice(tablesStart, tablesEnd);
  const isTable = (name: string) => new RegExp(`^export const ${name}\\b`, 'm').test(tableRegion);
  const lines = [
    ...exported.filter((name) => !isTable(name)),
    '// dynamodb-codemod:table-exports',
    ...exported.filter(isTable),
    '// dynamodb-codemod:end-table-exports',
  ];
  return `${text.replace(/\n*$/, '\n')}\nmodule.exports = {\n${lines.map((line) => `  ${line.startsWith('//') ? line : `${line},`}`).join('\n')}\n};\n`;

  function startWithDoc(node: ts.Node): number {
    const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    return docs.length ? docs[0].getStart() : node.getStart();
  }

  function colonBefore(type: ts.Node): number {
    const at = source.lastIndexOf(':', type.getStart());
    if (at < 0) fail(type, 'a type without its colon');
    return at;
  }

  /** `<T extends object>` around a type parameter or argument list. */
  function bracketsAround(list: ts.NodeArray<ts.Node>): [number, number] {
    const open = source.lastIndexOf('<', list[0].getStart());
    const close = source.indexOf('>', list[list.length - 1].end);
    return [open, close + 1];
  }
}

function isPrimary(node: ts.Expression): boolean {
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isParenthesizedExpression(node);
}

/** `import { A, type B } from 'm'` → `const { A } = require('m');` (nothing when only types are imported). */
function renderRequire(statement: ts.ImportDeclaration, fail: (node: ts.Node, what: string) => never): string {
  const clause = statement.importClause;
  const module = (statement.moduleSpecifier as ts.StringLiteral).text;
  if (!clause) return `require('${module}');`;
  if (clause.isTypeOnly) return '';
  if (clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) return fail(statement, 'a default or namespace import');
  const names = clause.namedBindings.elements
    .filter((element) => !element.isTypeOnly)
    .map((element) => (element.propertyName ? `${element.propertyName.getText()}: ${element.name.text}` : element.name.text));
  return names.length ? `const { ${names.join(', ')} } = require('${module}');` : '';
}
