/** Step: the imports the other steps asked for (`ITable`, `DatabaseStack`), after the last import. */
import { quoteText } from '../detectStyle';
import type { FileContext } from '../fileContext';

type Node = { type: string; [key: string]: any };

export function addImports(context: FileContext): void {
  const { j, root, style } = context;
  const lines: string[] = [];
  const usesRequire = root.find(j.ImportDeclaration).size() === 0 && context.module.imports.size > 0;
  for (const [local, wanted] of context.valueImports) {
    const specifier = local === wanted.imported ? local : `${wanted.imported} as ${local}`;
    lines.push(
      usesRequire
        ? `const { ${local === wanted.imported ? local : `${wanted.imported}: ${local}`} } = require(${quoteText(wanted.module, style)})${style.semicolon}`
        : `import { ${specifier} } from ${quoteText(wanted.module, style)}${style.semicolon}`,
    );
  }
  if (style.typescript) {
    const byModule = new Map<string, string[]>();
    for (const [local, wanted] of context.typeImports) {
      const list = byModule.get(wanted.module) ?? [];
      list.push(local === wanted.imported ? local : `${wanted.imported} as ${local}`);
      byModule.set(wanted.module, list);
    }
    for (const [module, names] of byModule) lines.push(`import type { ${names.sort().join(', ')} } from ${quoteText(module, style)}${style.semicolon}`);
  }
  if (lines.length === 0) return;
  const program = root.find(j.Program).nodes()[0] as Node;
  const anchors = program.body.filter(
    (statement: Node) =>
      statement.type === 'ImportDeclaration' ||
      (statement.type === 'VariableDeclaration' && statement.declarations.some((declarator: Node) => declarator.init?.callee?.name === 'require')),
  );
  const last = anchors[anchors.length - 1];
  if (last) context.edits.insertStatementsAfter(last, lines);
  else if (program.body[0]) context.edits.insertStatementsBefore(program.body[0], [...lines, '']);
}
