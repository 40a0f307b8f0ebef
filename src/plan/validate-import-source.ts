import { isObject } from './json';

// S3 bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const COMPRESSION = ['GZIP', 'ZSTD', 'NONE'];

/** `tables[i].importSource`: the S3 location a new table is imported from (see TableImportSource). */
export function validateImportSource(value: unknown, path: string, add: (path: string, message: string) => void): void {
  if (value === undefined) return;
  if (!isObject(value)) return add(path, 'must be { "bucket": "<S3 bucket name>", "keyPrefix"?: "Notes/" }');
  if (typeof value.bucket !== 'string' || !BUCKET.test(value.bucket)) {
    add(`${path}.bucket`, `${JSON.stringify(value.bucket)} is not an S3 bucket name (3 to 63 lowercase letters, digits, "." or "-")`);
  }
  if (value.keyPrefix !== undefined && (typeof value.keyPrefix !== 'string' || value.keyPrefix.startsWith('/'))) {
    add(`${path}.keyPrefix`, `${JSON.stringify(value.keyPrefix)} must be an S3 key prefix such as "Notes/" (no leading "/")`);
  }
  if (value.bucketOwner !== undefined && (typeof value.bucketOwner !== 'string' || !/^\d{12}$/.test(value.bucketOwner))) {
    add(`${path}.bucketOwner`, `${JSON.stringify(value.bucketOwner)} must be a 12-digit AWS account id`);
  }
  if (value.inputFormat !== undefined && value.inputFormat !== 'DYNAMODB_JSON') {
    add(`${path}.inputFormat`, `${JSON.stringify(value.inputFormat)} is not supported; migrate-data --export s3-import writes "DYNAMODB_JSON"`);
  }
  if (value.compressionType !== undefined && !COMPRESSION.includes(value.compressionType as string)) {
    add(`${path}.compressionType`, `${JSON.stringify(value.compressionType)} must be one of ${COMPRESSION.join(', ')} (the export writes GZIP)`);
  }
}
