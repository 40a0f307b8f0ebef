import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScanContext, SourceFile } from '../types';
import { walkPaths } from '../walkPaths';

export interface CallSite {
  file: SourceFile;
  call: NodePath<t.CallExpression | t.NewExpression>;
}

/** The call sites of every project function (and `new C()` of a class, for its constructor), built once. */
export class CallSites {
  private readonly index = new Map<t.Node, CallSite[]>();
  private built = false;

  constructor(private readonly ctx: ScanContext) {}

  of(fn: t.Node): CallSite[] {
    if (!this.built) this.build();
    return this.index.get(fn) ?? [];
  }

  /** Records one call (the shared pre-pass walks every file once and feeds calls here). */
  record(file: SourceFile, call: NodePath<t.CallExpression | t.NewExpression>): void {
    try {
      this.link(file, call);
    } catch {
      // A call whose callee cannot be resolved links nothing; values through it stay unknown.
    }
  }

  /** Every call of the project has been recorded. */
  markBuilt(): void {
    this.built = true;
  }

  private build(): void {
    for (const file of this.ctx.project.sources) {
      try {
        walkPaths(file.program, {
          'CallExpression|NewExpression': (anyPath) => this.record(file, anyPath as NodePath<t.CallExpression | t.NewExpression>),
        });
      } catch {
        // A file that cannot be walked contributes no call sites.
      }
    }
    this.built = true;
  }

  private link(file: SourceFile, call: NodePath<t.CallExpression | t.NewExpression>): void {
    const { project } = this.ctx;
    const callee = call.get('callee') as NodePath;
    if (callee.isCallExpression() || callee.isImport() || callee.isSuper()) return;
    let fn: t.Node | undefined;
    if (call.isNewExpression()) {
      if (!callee.isIdentifier() && !callee.isMemberExpression()) return;
      const origin = project.resolveExpression(file, callee);
      if (origin?.kind === 'declaration' && origin.path.isClass()) {
        fn = origin.path.node.body.body.find((m) => t.isClassMethod(m) && m.kind === 'constructor');
      }
    } else {
      fn = project.resolveFunction(file, callee)?.path.node;
    }
    if (!fn) return;
    const list = this.index.get(fn) ?? [];
    list.push({ file, call });
    this.index.set(fn, list);
  }
}
