import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScanContext, SourceFile } from '../types';

export interface CallSite {
  file: SourceFile;
  call: NodePath<t.CallExpression | t.NewExpression>;
}

/** The call sites of every project function (and `new C()` of a class, for its constructor), built once. */
export class CallSites {
  private index?: Map<t.Node, CallSite[]>;

  constructor(private readonly ctx: ScanContext) {}

  of(fn: t.Node): CallSite[] {
    this.index ??= this.build();
    return this.index.get(fn) ?? [];
  }

  private build(): Map<t.Node, CallSite[]> {
    const index = new Map<t.Node, CallSite[]>();
    for (const file of this.ctx.project.sources) {
      try {
        file.program.traverse({
          'CallExpression|NewExpression': (anyPath) => {
            try {
              this.link(index, file, anyPath as NodePath<t.CallExpression | t.NewExpression>);
            } catch {
              // A call whose callee cannot be resolved links nothing; values through it stay unknown.
            }
          },
        });
      } catch {
        // A file that cannot be walked contributes no call sites.
      }
    }
    return index;
  }

  private link(index: Map<t.Node, CallSite[]>, file: SourceFile, call: NodePath<t.CallExpression | t.NewExpression>): void {
    const { project } = this.ctx;
    const callee = call.get('callee') as NodePath;
    if (callee.isCallExpression() || callee.isImport() || callee.isSuper()) return;
    let fn: t.Node | undefined;
    if (call.isNewExpression()) {
      const origin = project.resolveExpression(file, callee);
      if (origin?.kind === 'declaration' && origin.path.isClass()) {
        fn = origin.path.node.body.body.find((m) => t.isClassMethod(m) && m.kind === 'constructor');
      }
    } else {
      fn = project.resolveFunction(file, callee)?.path.node;
    }
    if (!fn) return;
    const list = index.get(fn) ?? [];
    list.push({ file, call });
    index.set(fn, list);
  }
}
