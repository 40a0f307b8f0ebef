import * as path from 'node:path';
import type { AccessModel, DiagnosticRecord } from '../../src/model/access-model';
import { createProjectIndex } from '../../src/scan/project/createProjectIndex';
import { parseSource } from '../../src/scan/parseSource';
import { SOURCE_EXTENSIONS } from '../../src/scan/discoverFiles';
import type { DataFile, ScanContext, SourceFile } from '../../src/scan/types';
import { scan } from '../../src/scan';

export const REPO_ROOT = path.resolve(__dirname, '../..');
const VIRTUAL_ROOT = '/virtual-project';

export interface TestContext extends ScanContext {
  diagnosticsList: DiagnosticRecord[];
  source(rel: string): SourceFile;
}

/** An in-memory project for recogniser specs: `{ 'db.js': '…', 'data/notes.json': '[…]' }`. */
export function makeContext(files: Record<string, string>): TestContext {
  const sources: SourceFile[] = [];
  const dataFiles: DataFile[] = [];
  for (const [rel, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const abs = path.posix.join(VIRTUAL_ROOT, rel);
    const isSource = SOURCE_EXTENSIONS.some((ext) => rel.endsWith(ext)) && !rel.endsWith('.d.ts');
    if (isSource) sources.push(parseSource(rel, abs, text));
    else dataFiles.push({ rel, abs, text });
  }
  const diagnosticsList: DiagnosticRecord[] = [];
  const project = createProjectIndex(VIRTUAL_ROOT, sources, dataFiles);
  return {
    root: VIRTUAL_ROOT,
    project,
    diagnostics: { add: (d) => diagnosticsList.push(d) },
    diagnosticsList,
    source(rel) {
      const found = project.getSource(rel);
      if (!found) throw new Error(`no source ${rel} in test project`);
      return found;
    },
  };
}

/** The whole scan pipeline on `fixtures/<name>`. */
export function scanFixture(name: string): Promise<AccessModel> {
  return scan(path.join(REPO_ROOT, 'fixtures', name));
}
