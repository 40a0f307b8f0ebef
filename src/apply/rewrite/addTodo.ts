import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from './FileRewrite';

export const TODO_PREFIX = 'dynamodb-codemod: TODO';

/** Every marker line of a file's text: its 1-based line and the message after the prefix, trimmed. */
export function readTodoMarkers(text: string): { line: number; message: string }[] {
  if (!text.includes(TODO_PREFIX)) return [];
  const markers: { line: number; message: string }[] = [];
  text.split('\n').forEach((line, index) => {
    const at = line.indexOf(TODO_PREFIX);
    if (at >= 0) markers.push({ line: index + 1, message: line.slice(at + TODO_PREFIX.length).trim() });
  });
  return markers;
}

interface CommentNode {
  type: string;
  value: string;
  leading?: boolean;
  trailing?: boolean;
}

/**
 * Leaves one `// dynamodb-codemod: TODO <message>` above the statement around `path` (never a
 * second copy on a re-run) and records it for the summary and the exit code.
 */
export function addTodo(rewrite: FileRewrite, path: ASTPath<any>, message: string): void {
  const statement = findStatement(path);
  const line = rewrite.lineOf(statement ?? path);
  rewrite.report.todos.push({ line, message });
  rewrite.report.diagnostics.push({ severity: 'warning', code: 'apply-todo', file: rewrite.rel, line, message });
  if (!statement) return;
  const node = statement.node as { comments?: CommentNode[] };
  const text = ` ${TODO_PREFIX} ${message}`;
  // one marker per statement: a re-run may describe the same spot differently, it never adds a second
  if ((node.comments ?? []).some((comment) => comment.value.includes(TODO_PREFIX))) return;
  node.comments = [...(node.comments ?? []), { type: 'CommentLine', value: text, leading: true, trailing: false }];
}

export function findStatement(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let current: ASTPath<any> | null = path; current; current = current.parent) {
    const type = current.node.type;
    if (/Statement$|Declaration$/.test(type) && type !== 'ExportSpecifier') {
      // a declaration inside `export …` is marked on the export statement
      const parentType = current.parent?.node.type;
      if (parentType === 'ExportNamedDeclaration' || parentType === 'ExportDefaultDeclaration') return current.parent;
      return current;
    }
  }
  return undefined;
}
