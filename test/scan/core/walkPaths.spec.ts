import type { NodePath, TraverseOptions } from '@babel/traverse';
import { parseSource } from '../../../src/scan/parseSource';
import { walkPaths } from '../../../src/scan/walkPaths';

const SOURCE = `
import express from 'express';
const items: { id: string }[] = [];
function find(id: string) { return items.find((item) => item.id === id); }
class Store { list() { return items.filter((i) => i.id.startsWith('a')); } add(x: { id: string }) { items.push(x); } }
export const router = express.Router();
router.get('/items/:id', (req, res) => { const found = find(req.params.id); res.json(found ?? null); });
`;

/** What a visitor sees: the type and start of every path it was called with, in order. */
function record(run: (visitor: TraverseOptions) => void, make: (seen: string[]) => TraverseOptions): string[] {
  const seen: string[] = [];
  run(make(seen));
  return seen;
}

function both(root: (program: NodePath) => NodePath, make: (seen: string[]) => TraverseOptions): { real: string[]; walked: string[] } {
  // Two parses: each walk gets trees no other walk touched.
  const a = parseSource('a.ts', '/a.ts', SOURCE).program as NodePath;
  const b = parseSource('b.ts', '/b.ts', SOURCE).program as NodePath;
  return {
    real: record((visitor) => root(a).traverse(visitor), make),
    walked: record((visitor) => walkPaths(root(b), visitor), make),
  };
}

const at = (path: NodePath) => `${path.node.type}@${path.node.start}`;

describe('walkPaths (a traversal without Babel traversal contexts)', () => {
  test('visits the same paths in the same order as path.traverse, aliases and virtual types included', () => {
    const { real, walked } = both(
      (program) => program,
      (seen) => ({ Function: (p) => void seen.push(at(p)), CallExpression: (p) => void seen.push(at(p)), ReferencedIdentifier: (p) => void seen.push(at(p)) }),
    );
    expect(walked).toEqual(real);
    expect(real.length).toBeGreaterThan(20);
  });

  test('skip() leaves out the children of that path; stop() ends the walk', () => {
    const skipping = both(
      (program) => program,
      (seen) => ({
        Function(p) {
          seen.push(at(p));
          if (p.isArrowFunctionExpression()) p.skip();
        },
        Identifier: (p) => void seen.push(at(p)),
      }),
    );
    expect(skipping.walked).toEqual(skipping.real);
    const stopping = both(
      (program) => program,
      (seen) => ({
        CallExpression(p) {
          seen.push(at(p));
          if (seen.length === 3) p.stop();
        },
      }),
    );
    expect(stopping.walked).toEqual(stopping.real);
    expect(stopping.real).toHaveLength(3);
  });

  test('a subtree walk visits only that subtree, and state is passed as in traverse', () => {
    const classBody = (program: NodePath) => {
      let found: NodePath | undefined;
      program.traverse({ ClassBody: (p) => void (found = found ?? p) });
      return found as NodePath;
    };
    const { real, walked } = both(classBody, (seen) => ({ enter: (p) => void seen.push(at(p)) }));
    expect(walked).toEqual(real);
    expect(walked.every((entry) => Number(entry.split('@')[1]) >= SOURCE.indexOf('class Store'))).toBe(true);

    const program = parseSource('c.ts', '/c.ts', SOURCE).program;
    const state = { calls: 0 };
    walkPaths(program, { CallExpression(this: { calls: number }, _p, s) { this.calls++; expect(s).toBe(state); } }, state);
    expect(state.calls).toBe(record((v) => program.traverse(v), (seen) => ({ CallExpression: (p) => void seen.push(at(p)) })).length);
  });

  test('a visitor with exit functions gets a real traversal (same result)', () => {
    const { real, walked } = both(
      (program) => program,
      (seen) => ({ CallExpression: { enter: (p) => void seen.push(`in ${at(p)}`), exit: (p) => void seen.push(`out ${at(p)}`) } }),
    );
    expect(walked).toEqual(real);
  });
});
