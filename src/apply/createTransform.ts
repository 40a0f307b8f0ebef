/**
 * Makes a jscodeshift transform from a list of rewrite steps. Under `dynamodb-codemod apply` the
 * run's session is passed in `options.session`; run alone (`jscodeshift -t … --design …`), the
 * transform builds the session itself once per process and also writes the support files (shared
 * client, package.json, seed data) unless `--dry`.
 */
import * as path from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { writeFileAtomic } from '../stack/writeFileAtomic';
import type { StoreOrigin } from './analysis/findStoreTargets';
import { planSupportFiles } from './planSupportFiles';
import { rewriteFile, type RewriteStep } from './rewrite/rewriteFile';
import { createSession, findDesignFor, type ApplySession } from './session';

export interface TransformDefinition {
  name: string;
  origins: StoreOrigin[];
  steps: RewriteStep[];
}

export type Transform = ((file: FileInfo, api: API, options: Options) => Promise<string | undefined>) & { definition: TransformDefinition };

const sessions = new Map<string, Promise<ApplySession>>();

export function createTransform(definition: TransformDefinition): Transform {
  const transform = async (file: FileInfo, _api: API, options: Options): Promise<string | undefined> => {
    const own = !options.session;
    const session: ApplySession | undefined = options.session ?? (await standaloneSession(file.path, options.design as string | undefined));
    if (!session) throw new Error(`${file.path}: no .migration/dynamodb.json above this file; run \`dynamodb-codemod plan\` first or pass --design`);
    const rel = path.relative(session.root, path.resolve(file.path)).split(path.sep).join('/');
    if (rel.startsWith('..')) return undefined;
    const { output, report } = rewriteFile(rel, file.source, session.analysis, definition.origins, definition.steps);
    session.reports.set(rel, report);
    if (own && !options.dry && (output !== undefined || report.seeds.length)) writeStandaloneSupport(session, report.seeds, output !== undefined);
    return output;
  };
  return Object.assign(transform, { definition });
}

function standaloneSession(filePath: string, design: string | undefined): Promise<ApplySession> | undefined {
  const found = findDesignFor(filePath, design);
  if (!found) return undefined;
  let session = sessions.get(found.designPath);
  if (!session) {
    session = createSession(found.root, found.designPath);
    sessions.set(found.designPath, session);
  }
  return session;
}

function writeStandaloneSupport(session: ApplySession, seeds: Parameters<typeof planSupportFiles>[1], clientUsed: boolean): void {
  for (const change of planSupportFiles(session.analysis, seeds, clientUsed)) {
    if (change.kept) {
      process.stderr.write(`dynamodb-codemod: ${change.kept}\n`);
      continue;
    }
    writeFileAtomic(path.join(session.root, change.rel), change.after);
  }
}
