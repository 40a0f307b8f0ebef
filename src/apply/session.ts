/**
 * One apply run over a project: the design, the analysis of the original code, and what each
 * file's rewrite reported. `runApply` creates it and passes it to the transforms; a transform run
 * alone by jscodeshift creates (and caches) its own from `--design`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseProject } from './analysis/analyseProject';
import { buildApplyAnalysis, type ApplyAnalysis } from './analysis/buildApplyAnalysis';
import { loadDesign } from './loadDesign';
import type { RewriteReport } from './rewrite/FileRewrite';

export interface ApplySession {
  root: string;
  designPath: string;
  analysis: ApplyAnalysis;
  reports: Map<string, RewriteReport>;
}

export async function createSession(root: string, designPath = defaultDesignPath(root), onParsed?: (done: number, total: number) => void): Promise<ApplySession> {
  const design = loadDesign(designPath);
  const analysis = buildApplyAnalysis(await analyseProject(root, undefined, onParsed), design);
  return { root: path.resolve(root), designPath, analysis, reports: new Map() };
}

export function defaultDesignPath(root: string): string {
  return path.join(root, '.migration', 'dynamodb.json');
}

/** For a file given to jscodeshift: the design named by --design, or the nearest `.migration/dynamodb.json` above it. */
export function findDesignFor(filePath: string, design?: string): { designPath: string; root: string } | undefined {
  if (design) {
    const designPath = path.resolve(design);
    return { designPath, root: path.dirname(path.dirname(designPath)) };
  }
  let dir = path.dirname(path.resolve(filePath));
  for (;;) {
    const candidate = defaultDesignPath(dir);
    if (fs.existsSync(candidate)) return { designPath: candidate, root: dir };
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
