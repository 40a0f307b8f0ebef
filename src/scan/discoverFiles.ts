import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { DiagnosticRecord } from '../model/access-model';

export const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'];
const DATA_EXTENSIONS = ['.json', '.sql', '.yml', '.yaml', '.tf'];
const MAX_FILE_BYTES = 1024 * 1024;

/** Directories that never hold the app's own code: dependencies, VCS, build and tool output. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  'cdk.out',
  '.serverless',
  '.sst',
  '.aws-sam',
  '.terraform',
  '.migration',
  'vendor',
  'bower_components',
  '.tmp',
]);

const SKIPPED_DATA_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'tsconfig.json', 'jsconfig.json']);

export interface DiscoveredFile {
  rel: string;
  abs: string;
  kind: 'source' | 'data';
}

export interface Discovery {
  files: DiscoveredFile[];
  diagnostics: DiagnosticRecord[];
}

/**
 * Lists the project's source and data files below `root`, honouring .gitignore files
 * (root and nested) and skipping dependencies, build output, minified, vendored and
 * oversized files. Sorted by path so every run sees the same order.
 */
export function discoverFiles(root: string): Discovery {
  const files: DiscoveredFile[] = [];
  const diagnostics: DiagnosticRecord[] = [];
  const skippedDirs = new Set<string>();

  const walk = (dirAbs: string, rules: { base: string; ig: Ignore }[]): void => {
    const localRules = [...rules];
    const gitignore = path.join(dirAbs, '.gitignore');
    if (fs.existsSync(gitignore)) {
      localRules.push({ base: dirAbs, ig: ignore().add(fs.readFileSync(gitignore, 'utf8')) });
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dirAbs, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(skipDiagnostic(root, dirAbs, `could not read directory: ${(error as Error).message}`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dirAbs, entry.name);
      const isDir = entry.isDirectory();
      if (isIgnored(localRules, abs, isDir)) continue;
      if (isDir) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) {
          skippedDirs.add(entry.name);
          continue;
        }
        walk(abs, localRules);
        continue;
      }
      if (!entry.isFile()) continue;
      const ext = path.extname(entry.name).toLowerCase();
      const isSource = SOURCE_EXTENSIONS.includes(ext) && !entry.name.endsWith('.d.ts');
      const isData = DATA_EXTENSIONS.includes(ext) && !SKIPPED_DATA_FILES.has(entry.name);
      if (!isSource && !isData) continue;
      const reason = reasonToSkip(abs, entry.name, isSource);
      if (reason) {
        diagnostics.push(skipDiagnostic(root, abs, reason));
        continue;
      }
      files.push({ rel: toRel(root, abs), abs, kind: isSource ? 'source' : 'data' });
    }
  };

  walk(root, []);
  if (skippedDirs.size > 0) {
    diagnostics.push({
      severity: 'info',
      code: 'skipped-directories',
      file: '.',
      line: 0,
      message: `not scanned (dependencies, build or tool output): ${[...skippedDirs].sort().join(', ')}`,
    });
  }
  return { files, diagnostics };
}

function isIgnored(rules: { base: string; ig: Ignore }[], abs: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const rel = path.relative(base, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function reasonToSkip(abs: string, name: string, isSource: boolean): string | undefined {
  const size = fs.statSync(abs).size;
  if (size > MAX_FILE_BYTES) return `file is over 1 MB (${Math.round(size / 1024)} KB)`;
  if (!isSource) return undefined;
  if (/\.min\.(c|m)?js$/.test(name) || /[-.]bundle\.(c|m)?js$/.test(name)) return 'minified or bundled file';
  if (size > 2000) {
    const text = fs.readFileSync(abs, 'utf8');
    const lines = text.split('\n');
    const longest = lines.reduce((max, line) => Math.max(max, line.length), 0);
    if (lines.length < 10 && longest > 1000) return 'minified file (very long lines)';
  }
  return undefined;
}

function skipDiagnostic(root: string, abs: string, reason: string): DiagnosticRecord {
  return { severity: 'info', code: 'skipped-file', file: toRel(root, abs), line: 0, message: `not scanned: ${reason}` };
}

export function toRel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
