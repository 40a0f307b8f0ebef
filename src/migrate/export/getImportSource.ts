/**
 * For the stack generator: the `importSource` of a table whose data was exported with
 * `migrate-data --export s3-import`. aws-cdk-lib's `Table` (not `TableV2`) takes
 * `importSource: { inputFormat: InputFormat.dynamoDBJson(), bucket, keyPrefix, compressionType:
 * InputCompressionType.GZIP }`; the bucket is the app's to choose, so it is passed in as code.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXPORT_MANIFEST, type ExportManifest } from './exportS3Import';

export interface ImportSourceSpec {
  /** `InputFormat.dynamoDBJson()`. */
  inputFormat: 'DYNAMODB_JSON';
  /** `InputCompressionType.GZIP`. */
  compressionType: 'GZIP';
  /** S3 key prefix of the table's files: `<prefix><folder>/`. */
  keyPrefix: string;
  /** Where the files are on disk, relative to the project root (upload this folder to keyPrefix). */
  localDir: string;
  items: number;
  files: string[];
}

/**
 * The import source of `table` (physical name as exported), or undefined when no export holds
 * it. `prefix` is where the export folder is uploaded in the bucket (default: the bucket root).
 */
export function getImportSource(dir: string, table: string, options: { prefix?: string } = {}): ImportSourceSpec | undefined {
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, EXPORT_MANIFEST), 'utf8')) as ExportManifest;
  } catch {
    return undefined;
  }
  const entry = manifest.tables?.find((candidate) => candidate.table === table);
  if (!entry) return undefined;
  const prefix = options.prefix ? `${options.prefix.replace(/\/+$/, '')}/` : '';
  return {
    inputFormat: 'DYNAMODB_JSON',
    compressionType: 'GZIP',
    keyPrefix: `${prefix}${entry.folder}/`,
    localDir: path.posix.join('.migration', 's3-import', entry.folder),
    items: entry.items,
    files: entry.files.map((file) => file.name),
  };
}

/**
 * The TypeScript of the property for a `Table`'s props, e.g.
 * `importSource: { bucket: importBucket, keyPrefix: 'Notes/', inputFormat: InputFormat.dynamoDBJson(), compressionType: InputCompressionType.GZIP }`.
 * `names` lets the caller use its own import names (e.g. `dynamodb.InputFormat`).
 */
export function renderImportSource(spec: ImportSourceSpec, bucketExpression: string, names: { inputFormat?: string; compressionType?: string } = {}): string {
  const inputFormat = names.inputFormat ?? 'InputFormat';
  const compression = names.compressionType ?? 'InputCompressionType';
  return `importSource: { bucket: ${bucketExpression}, keyPrefix: '${spec.keyPrefix.replace(/'/g, "\\'")}', inputFormat: ${inputFormat}.dynamoDBJson(), compressionType: ${compression}.GZIP }`;
}
