/** What each imported local name of a module refers to (ES imports and CommonJS requires). */
import type { Collection, JSCodeshift } from 'jscodeshift';

export interface ImportBinding {
  source: string;
  /** Exported name, or '*' for a namespace import / whole-module require. */
  imported: string;
  /** The import declaration (absent for require). */
  declaration?: object;
}

export type ImportMap = Map<string, ImportBinding>;

export function readImports(j: JSCodeshift, root: Collection): ImportMap {
  const imports: ImportMap = new Map();
  root.find(j.ImportDeclaration).forEach((path) => {
    const source = String(path.node.source.value);
    for (const specifier of path.node.specifiers ?? []) {
      const local = specifier.local?.name as string | undefined;
      if (!local) continue;
      if (specifier.type === 'ImportNamespaceSpecifier') imports.set(local, { source, imported: '*', declaration: path.node });
      else if (specifier.type === 'ImportDefaultSpecifier') imports.set(local, { source, imported: 'default', declaration: path.node });
      else imports.set(local, { source, imported: String(specifier.imported.name), declaration: path.node });
    }
  });
  root
    .find(j.VariableDeclarator, { init: { type: 'CallExpression', callee: { type: 'Identifier', name: 'require' } } })
    .forEach((path) => {
      const init = path.node.init as { arguments: { type: string; value?: unknown }[] };
      const argument = init.arguments[0];
      if (!argument || argument.type !== 'StringLiteral') return;
      const source = String(argument.value);
      if (path.node.id.type === 'Identifier') imports.set(path.node.id.name, { source, imported: '*' });
      if (path.node.id.type === 'ObjectPattern') {
        for (const property of path.node.id.properties) {
          if (property.type !== 'ObjectProperty' && property.type !== 'Property') continue;
          const key = property.key.type === 'Identifier' ? property.key.name : undefined;
          const value = property.value.type === 'Identifier' ? property.value.name : undefined;
          if (key && value) imports.set(value, { source, imported: key });
        }
      }
    });
  return imports;
}
