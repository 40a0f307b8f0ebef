/**
 * Writes a complete minimal `infrastructure/` CDK app for a project without infrastructure, or
 * only `lib/database-stack.ts` into an existing CDK app. Atomic, idempotent, and never replaces a
 * user's file: see writeGeneratedFile.
 */
import { join, relative } from 'node:path';
import type { TableDesign } from '../model/table-design';
import { generateDatabaseStack, type GenerateDatabaseStackOptions } from './generateDatabaseStack';
import { generateInfrastructureApp, type InfrastructureAppOptions } from './generateInfrastructureApp';
import { listTableEnvironment, type TableEnvironmentVariable } from './listTableEnvironment';
import { writeGeneratedFile, type WrittenFile } from './writeGeneratedFile';

export interface InfrastructureWriteResult {
  infraDir: string;
  files: WrittenFile[];
  /** Environment variables a server must set: each table's envVar → deployed table name. */
  environment: TableEnvironmentVariable[];
}

export interface WriteInfrastructureAppOptions extends InfrastructureAppOptions {
  /** Directory of the app, relative to the project root; default `infrastructure`. */
  infraDirName?: string;
}

export function writeInfrastructureApp(
  projectDir: string,
  design: TableDesign,
  options: WriteInfrastructureAppOptions = {},
): InfrastructureWriteResult {
  const infraDir = join(projectDir, options.infraDirName ?? 'infrastructure');
  const generated = generateInfrastructureApp(design, options);
  const files = Object.entries(generated).map(([relativePath, file]) => {
    const target = join(infraDir, relativePath);
    return writeGeneratedFile(target, file.content, file.regenerable, relative(projectDir, target));
  });
  return { infraDir, files, environment: listTableEnvironment(design, options.stackId) };
}

/** For an existing CDK app: (re)generates `<cdkDir>/lib/database-stack.ts` only. */
export function writeDatabaseStack(
  cdkDir: string,
  design: TableDesign,
  options: GenerateDatabaseStackOptions & { projectDir?: string; stackFile?: string } = {},
): WrittenFile {
  const target = join(cdkDir, options.stackFile ?? 'lib/database-stack.ts');
  return writeGeneratedFile(target, generateDatabaseStack(design, options), true, relative(options.projectDir ?? cdkDir, target));
}
