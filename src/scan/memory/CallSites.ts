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
    const { project } = this.ctx;
    const add = (fn: t.Node | undefined, site: CallSite): void => {
      if (!fn) return;
      const list = index.get(fn) ?? [];
      list.push(site);
      index.set(fn, list);
    };
    for (const file of project.sources) {
      try {
        file.program.traverse({
          'CallExpression|NewExpression'(anyPath) {
            const call = anyPath as NodePath<t.CallExpression | t.NewExpression>;
            const callee = call.get('callee') as NodePath;
            if (callee.isCallExpression() || callee.isImport() || callee.isSuper()) return;
            if (call.isNewExpression()) {
              const origin = project.resolveExpression(file, callee);
              if (origin?.kind === 'declaration' && origin.path.isClass()) {
                const ctor = origin.path.node.body.body.find((m) => t.isClassMethod(m) && m.kind === 'constructor');
                add(ctor, { file, call });
              }
              return;
            }
            add(project.resolveFunction(file, callee)?.path.node, { file, call });
          },
        });
      } catch {
        // A file whose calls cannot be resolved contributes no call sites; views through it stay unknown.
      }
    }
    return index;
  }
}
