/**
 * Re-runs of `scan` on an unchanged project: the access model of the last run is kept under
 * `<project>/node_modules/.cache/dynamodb-codemod/scan-model.json` with a key made of every scanned
 * file's path and content, what discovery skipped, and the scanner's own version and files. The
 * same key returns the stored model without parsing anything; any edit (one byte of one file, a new
 * or removed file, another version of the tool) is a miss and a full scan.
 *
 * Only the whole model is kept: the analysis follows values across modules, so one changed file can
 * change what other files mean. Projects without node_modules/ get no cache (nothing is written into
 * the project's own folders); DYNAMODB_CODEMOD_CACHE=0 turns it off.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccessModel, DiagnosticRecord } from '../model/access-model';

const CACHE_VERSION = 1;

export interface ScanCacheInput {
  root: string;
  /** Every discovered file with its text, in discovery order. */
  files: { rel: string; text: string }[];
  discoveryDiagnostics: DiagnosticRecord[];
}

/** Where the model of `root` is kept, or undefined when this project gets no cache. */
export function scanCacheFile(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.DYNAMODB_CODEMOD_CACHE === '0') return undefined;
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules) || !fs.statSync(modules).isDirectory()) return undefined;
  return path.join(modules, '.cache', 'dynamodb-codemod', 'scan-model.json');
}

export function scanCacheKey(input: ScanCacheInput): string {
  const hash = createHash('sha256');
  hash.update(`v${CACHE_VERSION}\0${scannerFingerprint()}\0`);
  hash.update(JSON.stringify(input.discoveryDiagnostics));
  for (const file of input.files) {
    hash.update(`\0${file.rel}\0${file.text.length}\0`);
    hash.update(file.text);
  }
  return hash.digest('hex');
}

export function readCachedModel(file: string, key: string): AccessModel | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { key?: string; model?: AccessModel };
    return stored.key === key && stored.model ? stored.model : undefined;
  } catch {
    return undefined; // missing, unreadable or half-written: scan again
  }
}

export function writeCachedModel(file: string, key: string, model: AccessModel): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ key, model }));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only node_modules only costs the next run its shortcut.
  }
}

let fingerprint: string | undefined;

/**
 * The scanner's identity: its package version plus the size and mtime of every file of the scanner
 * and the model (so a rebuilt or edited tool never reuses a model an older scanner produced).
 */
export function scannerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const here = __dirname; // src/scan or dist/src/scan
  for (const dir of [here, path.join(here, '..', 'model')]) hashTree(dir, hash);
  try {
    const manifest = path.join(here, '..', '..', 'package.json');
    const candidate = fs.existsSync(manifest) ? manifest : path.join(here, '..', '..', '..', 'package.json');
    hash.update(String(JSON.parse(fs.readFileSync(candidate, 'utf8')).version));
  } catch {
    hash.update('unknown-version');
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

function hashTree(dir: string, hash: ReturnType<typeof createHash>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(abs, hash);
    else if (entry.isFile()) {
      const stat = fs.statSync(abs);
      hash.update(`${abs}\0${stat.size}\0${stat.mtimeMs}\0`);
    }
  }
}
