import * as path from 'node:path';
import type { ProjectIndex } from '../types';

const HANDLER_EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx'];
const BUILD_DIRS = new Set(['dist', 'build', '.build', 'out', 'lib-cjs']);

/** `createNote.handler` → module `createNote`, export `handler`; `src/api/users.main` → `src/api/users`, `main`. */
export function splitHandlerString(handler: string): { module: string; exportName: string } | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return undefined;
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

/** A path relative to the scan root, forward slashes. */
export function relativeToRoot(project: ProjectIndex, abs: string): string {
  return path.relative(project.root, abs).split(path.sep).join('/');
}

export interface HandlerFileMatch {
  rel: string;
  /** True when the file was found by mapping a build directory (`dist/`) back to sources. */
  fromBuildOutput: boolean;
}

/**
 * The project source a handler module names: `<base>/<module>` with any JS/TS extension (the
 * asset may be compiled, the repository holds `.ts`), under the first base directory where it exists.
 * A module inside build output (`dist/handlers/x`) is looked up again with that folder mapped to `src/` or dropped.
 */
export function findHandlerSource(project: ProjectIndex, bases: string[], modulePath: string): HandlerFileMatch | undefined {
  for (const base of bases) {
    const found = findWithExtensions(project, path.resolve(base, modulePath));
    if (found) return { rel: found, fromBuildOutput: false };
  }
  for (const base of bases) {
    const abs = path.resolve(base, modulePath);
    const rel = relativeToRoot(project, abs);
    const parts = rel.split('/');
    const buildIndex = parts.findIndex((part) => BUILD_DIRS.has(part));
    if (buildIndex < 0) continue;
    for (const replacement of [['src'], []]) {
      const mapped = [...parts.slice(0, buildIndex), ...replacement, ...parts.slice(buildIndex + 1)].join('/');
      const found = findWithExtensions(project, path.resolve(project.root, mapped));
      if (found) return { rel: found, fromBuildOutput: true };
    }
  }
  return undefined;
}

function findWithExtensions(project: ProjectIndex, absNoExt: string): string | undefined {
  const rel = relativeToRoot(project, absNoExt);
  if (rel.startsWith('..')) return undefined;
  if (hasProjectSource(project, rel)) return rel;
  const stem = rel.replace(/\.(m|c)?js$/, '');
  for (const ext of HANDLER_EXTENSIONS) {
    if (hasProjectSource(project, stem + ext)) return stem + ext;
  }
  return undefined;
}

/** Whether the project has the source file, also when a sharded scan did not parse it in this shard. */
export function hasProjectSource(project: ProjectIndex, rel: string): boolean {
  return project.hasSource ? project.hasSource(rel) : Boolean(project.getSource(rel));
}
