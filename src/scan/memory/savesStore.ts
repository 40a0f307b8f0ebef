import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { classifyFsCall } from '../json-file/classifyFsCall';
import type { FunctionRef, SourceFile } from '../types';
import type { RawOp } from './model';
import type { ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

/**
 * For JSON file stores a change only counts when the function writes the file back (directly,
 * through a `saveNotes(notes)` helper, or in a callback of the same handler).
 */
export class SaveChecker {
  private readonly cache = new Map<string, boolean>();
  private readonly writersByFn = new Map<t.Node, Set<string>>();

  constructor(private readonly ev: ViewEvaluator) {}

  saves(op: RawOp, fileKey: string): boolean {
    let top: NodePath<t.Function> | null = op.path.getFunctionParent();
    if (!top) return false;
    for (let parent = top.parentPath?.getFunctionParent(); parent; parent = parent.parentPath?.getFunctionParent()) top = parent;
    const key = `${top.node.start}:${op.file.rel}:${fileKey}`;
    let result = this.cache.get(key);
    if (result === undefined) {
      result = this.filesWritten({ file: op.file, path: top }, 0).has(fileKey);
      this.cache.set(key, result);
    }
    return result;
  }

  /** JSON files a function writes, itself or through helpers (two levels). */
  private filesWritten(fn: FunctionRef, depth: number): Set<string> {
    const cached = this.writersByFn.get(fn.path.node);
    if (cached) return cached;
    const files = new Set<string>();
    this.writersByFn.set(fn.path.node, files);
    const file: SourceFile = fn.file;
    walkPaths(fn.path, {
      CallExpression: (call) => {
        const fsCall = classifyFsCall(this.ev.ctx.project, file, call);
        if (fsCall?.direction === 'write') {
          const ref = this.ev.registry.refForFsCall(file, call, fsCall);
          files.add(ref.source ?? ref.display);
        } else if (!fsCall && depth < 3) {
          const inner = this.ev.ctx.project.resolveFunction(file, call.get('callee'));
          if (inner && inner.path.node !== fn.path.node) for (const f of this.filesWritten(inner, depth + 1)) files.add(f);
        }
      },
    });
    return files;
  }
}
