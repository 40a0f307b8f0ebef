/** migrate-data: copy an app's existing records into the designed DynamoDB tables, verified. See README.md. */
export { migrateData, MigrateUsageError, type MigrateDataOptions, type MigrateDataResult, type ProgressEvent, type TableSummary } from './migrateData';
export { toItem, toGuardItems, fillKeyTemplate, toEpochSeconds, computeDerivedAttribute, getIdName, ItemKeyError, type Item } from './toItem';
export { recordSources, readSourceManifest, SOURCES_FILE } from './sourceManifest';
export { getImportSource, renderImportSource, type ImportSourceSpec } from './export/getImportSource';
export { EXPORT_DIR, EXPORT_MANIFEST } from './export/exportS3Import';
export { CHECKPOINT_FILE } from './checkpoint';
