/**
 * `--export s3-import`: the items as DynamoDB JSON, one `{"Item": {...}}` per line, gzip, split
 * into files of at most `maxFileBytes` uncompressed, under `.migration/s3-import/<table>/`, for
 * DynamoDB's managed import from S3 (which creates the table and consumes no write capacity).
 * The files are then read back and checked against the items meant for them (count and checksum),
 * and `.migration/s3-import/manifest.json` records what each table's folder holds.
 */
import { createReadStream, createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { canonicalJson, ItemChecksum } from '../checksum';
import { readPreparedRecords, type MigrationContext, type SourceEntry } from '../sourceEntries';
import type { Item } from '../toItem';
import type { Validation } from '../validateSources';
import { marshallItem, unmarshallItem, type AttributeValue } from './marshall';

export const EXPORT_DIR = path.join('.migration', 's3-import');
export const EXPORT_MANIFEST = path.join(EXPORT_DIR, 'manifest.json');
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface ExportedTable {
  table: string;
  /** Folder under .migration/s3-import/ (also the default S3 key prefix). */
  folder: string;
  files: { name: string; items: number; bytes: number }[];
  items: number;
  checksum: string;
}

export interface ExportManifest {
  version: 1;
  format: 'DYNAMODB_JSON';
  compression: 'GZIP';
  createdAt: string;
  tables: ExportedTable[];
}

export interface ExportResult {
  manifest: ExportManifest;
  /** Per table: items and checksum read back from the files. */
  readBack: Map<string, { items: number; checksum: string }>;
  expected: Map<string, ItemChecksum>;
}

class TableFiles {
  private file: WriteStream | undefined;
  private gzip: Gzip | undefined;
  private bytes = 0;
  readonly files: ExportedTable['files'] = [];
  readonly checksum = new ItemChecksum();

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  async add(item: Item): Promise<void> {
    this.checksum.add(item);
    const line = `${JSON.stringify({ Item: marshallItem(item) })}\n`;
    const size = Buffer.byteLength(line);
    if (!this.gzip || (this.bytes > 0 && this.bytes + size > this.maxBytes)) await this.open();
    this.bytes += size;
    const current = this.files[this.files.length - 1];
    current.items += 1;
    current.bytes += size;
    if (!this.gzip!.write(line)) await new Promise<void>((resolve) => this.gzip!.once('drain', resolve));
  }

  private async open(): Promise<void> {
    await this.close();
    const name = `part-${String(this.files.length).padStart(5, '0')}.json.gz`;
    this.files.push({ name, items: 0, bytes: 0 });
    this.bytes = 0;
    this.gzip = createGzip();
    this.file = createWriteStream(path.join(this.dir, name));
    this.gzip.pipe(this.file);
  }

  async close(): Promise<void> {
    if (!this.gzip || !this.file) return;
    const file = this.file;
    const done = new Promise<void>((resolve, reject) => {
      file.once('finish', resolve);
      file.once('error', reject);
    });
    this.gzip.end();
    await done;
    this.gzip = undefined;
    this.file = undefined;
  }
}

export async function exportS3Import(root: string, ctx: MigrationContext, entries: SourceEntry[], validation: Validation, options: { maxFileBytes?: number; onItems?: (count: number) => void } = {}): Promise<ExportResult> {
  const exportDir = path.join(root, EXPORT_DIR);
  const writers = new Map<string, TableFiles>();
  const writerFor = async (table: string) => {
    let writer = writers.get(table);
    if (!writer) {
      const dir = path.join(exportDir, table);
      await fs.rm(dir, { recursive: true, force: true }); // files of an earlier export would be imported too
      await fs.mkdir(dir, { recursive: true });
      writer = new TableFiles(dir, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
      writers.set(table, writer);
    }
    return writer;
  };
  for (const entry of entries) {
    const skip = validation.skip.get(entry.key) ?? new Set<number>();
    for await (const { index, prepared } of readPreparedRecords(ctx, entry)) {
      if (skip.has(index)) continue;
      for (const item of prepared.items) await (await writerFor(item.table.name)).add(item.item);
      options.onItems?.(prepared.items.length);
    }
  }
  for (const { plan, max } of validation.counters) {
    if (max === undefined) continue;
    await (await writerFor(plan.counter.table.name)).add({ ...plan.counter.key, [plan.counter.attribute]: max });
  }
  const tables: ExportedTable[] = [];
  const expected = new Map<string, ItemChecksum>();
  for (const [table, writer] of [...writers].sort(([a], [b]) => a.localeCompare(b))) {
    await writer.close();
    expected.set(table, writer.checksum);
    tables.push({ table, folder: table, files: writer.files, items: writer.checksum.count, checksum: writer.checksum.hex });
  }
  const manifest: ExportManifest = { version: 1, format: 'DYNAMODB_JSON', compression: 'GZIP', createdAt: new Date().toISOString(), tables };
  await fs.writeFile(path.join(root, EXPORT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await fs.writeFile(path.join(exportDir, 'README.md'), renderExportReadme(manifest));
  const readBack = new Map<string, { items: number; checksum: string }>();
  for (const table of tables) readBack.set(table.table, await readExportedTable(path.join(exportDir, table.folder), table.files.map((file) => file.name)));
  return { manifest, readBack, expected };
}

/** Reads a table's files back: item count and checksum of what an import would load. */
export async function readExportedTable(dir: string, files: string[]): Promise<{ items: number; checksum: string }> {
  const checksum = new ItemChecksum();
  for (const name of files) {
    const lines = createInterface({ input: createReadStream(path.join(dir, name)).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const { Item } = JSON.parse(line) as { Item: Record<string, AttributeValue> };
      checksum.addCanonical(canonicalJson(unmarshallItem(Item)));
    }
  }
  return { items: checksum.count, checksum: checksum.hex };
}

function renderExportReadme(manifest: ExportManifest): string {
  const rows = manifest.tables.map((table) => `| ${table.table} | \`${table.folder}/\` | ${table.items} | ${table.files.length} |`);
  return [
    '# DynamoDB import files (written by `dynamodb-codemod migrate-data --export s3-import`)',
    '',
    'DynamoDB JSON, one `{"Item": {...}}` per line, gzip. Each folder is one table:',
    '',
    '| table | folder | items | files |',
    '|---|---|---|---|',
    ...rows,
    '',
    'Upload a folder to S3 (e.g. `aws s3 cp --recursive <folder> s3://<bucket>/<folder>/`) and create the',
    'table with an import source: in the CDK stack, `importSource: { bucket, keyPrefix: \'<folder>/\',',
    'inputFormat: InputFormat.dynamoDBJson(), compressionType: InputCompressionType.GZIP }` on a `Table`.',
    'An import only creates a new table; it cannot load into an existing one.',
    '',
  ].join('\n');
}
