/**
 * `.migration/migrate-data.checkpoint.json`: how far each source has been written, so a run that
 * was interrupted (Ctrl-C, a crash, a lost connection) starts again where it stopped. A source's
 * progress counts only while its file is unchanged (size and mtime), and the whole checkpoint
 * only for the same target (endpoint or region) and the same design. It is removed after a run
 * whose every table was verified.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TableDesign } from '../model/table-design';
import { writeFileAtomic } from '../plan/write-file-atomic';
import { canonicalJson } from './checksum';

export const CHECKPOINT_FILE = path.join('.migration', 'migrate-data.checkpoint.json');

interface CheckpointData {
  version: 1;
  target: string;
  design: string;
  updatedAt: string;
  /** Per source entry key: records written (a prefix of the source in its reading order). */
  sources: Record<string, { fingerprint: string; done: number }>;
}

export class Checkpoint {
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();
  private lastSave = 0;

  private constructor(
    private readonly file: string,
    private data: CheckpointData,
    /** True when an earlier run's progress was found and matches this run. */
    readonly resumed: boolean,
  ) {}

  static async load(root: string, target: string, design: TableDesign): Promise<Checkpoint> {
    const file = path.join(root, CHECKPOINT_FILE);
    const designHash = hashDesign(design);
    const fresh: CheckpointData = { version: 1, target, design: designHash, updatedAt: new Date().toISOString(), sources: {} };
    try {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as CheckpointData;
      if (data.version === 1 && data.target === target && data.design === designHash && data.sources && typeof data.sources === 'object') {
        return new Checkpoint(file, data, Object.values(data.sources).some((source) => source.done > 0));
      }
    } catch {
      // no checkpoint, or one that cannot be read: start from the beginning
    }
    return new Checkpoint(file, fresh, false);
  }

  /** Records of the source already written by an earlier run (0 when the source changed since). */
  doneFor(key: string, fingerprint: string): number {
    const source = this.data.sources[key];
    return source && source.fingerprint === fingerprint ? source.done : 0;
  }

  /** Notes progress; saved at most twice a second while writing, and by `flush`. */
  update(key: string, fingerprint: string, done: number): void {
    this.data.sources[key] = { fingerprint, done };
    this.dirty = true;
    if (Date.now() - this.lastSave > 500) void this.flush();
  }

  async flush(): Promise<void> {
    if (!this.dirty) return this.saving;
    this.dirty = false;
    this.lastSave = Date.now();
    this.data.updatedAt = new Date().toISOString();
    const text = `${JSON.stringify(this.data, null, 2)}\n`;
    this.saving = this.saving.then(() => writeFileAtomic(this.file, text)).catch(() => undefined);
    return this.saving;
  }

  async remove(): Promise<void> {
    await this.saving;
    this.dirty = false;
    await fs.rm(this.file, { force: true });
  }
}

export function hashDesign(design: TableDesign): string {
  const relevant = { tables: design.tables.map(({ name, partitionKey, sortKey, gsis }) => ({ name, partitionKey, sortKey, gsis: gsis.map(({ name: index, partitionKey: pk, sortKey: sk }) => ({ index, pk, sk })) })), entities: design.entities };
  return createHash('sha256').update(canonicalJson(relevant)).digest('hex').slice(0, 16);
}
