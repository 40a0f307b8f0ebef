import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './write-file-atomic';

export const PLAN_SECTION_START = '<!-- dynamodb-codemod:add-database:start -->';
export const PLAN_SECTION_END = '<!-- dynamodb-codemod:add-database:end -->';
export type PlanStatus = 'pending' | 'complete';

const STATUS_LINE = /^\*\*Status: (pending|complete)\*\*.*$/m;

export function renderStatusLine(status: PlanStatus): string {
  return status === 'complete'
    ? '**Status: complete** — `dynamodb-codemod apply` and `dynamodb-codemod verify` passed.'
    : '**Status: pending** — complete once `dynamodb-codemod apply` and `dynamodb-codemod verify` pass.';
}

/** Where the add-database section is in a plan.md, markers included, or undefined. */
function findSection(markdown: string): { start: number; end: number } | undefined {
  const start = markdown.indexOf(PLAN_SECTION_START);
  if (start === -1) return undefined;
  const endMarker = markdown.indexOf(PLAN_SECTION_END, start);
  if (endMarker === -1) return undefined;
  return { start, end: endMarker + PLAN_SECTION_END.length };
}

/**
 * plan.md with the add-database section set to `section`. Everything outside the markers stays
 * byte for byte; a file without the section gets it appended; no file gets a title first. When
 * the section only differs by its status (a completed step re-planned with no change), the file
 * is returned unchanged so the step stays complete.
 */
export function upsertPlanSection(existing: string | undefined, section: string): string {
  if (existing === undefined || existing === '') return `# Migration plan\n\n${section}\n`;
  const found = findSection(existing);
  if (!found) {
    const separator = existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
    return `${existing}${separator}${section}\n`;
  }
  const current = existing.slice(found.start, found.end);
  if (withStatus(current, 'pending') === withStatus(section, 'pending')) return existing;
  return existing.slice(0, found.start) + section + existing.slice(found.end);
}

export function getPlanSectionStatus(markdown: string): PlanStatus | undefined {
  const found = findSection(markdown);
  const match = found ? STATUS_LINE.exec(markdown.slice(found.start, found.end)) : null;
  return match ? (match[1] as PlanStatus) : undefined;
}

/** The same plan.md with the add-database step marked complete (or pending); other bytes untouched. */
export function setPlanSectionStatus(markdown: string, status: PlanStatus): string {
  const found = findSection(markdown);
  if (!found) return markdown;
  return markdown.slice(0, found.start) + withStatus(markdown.slice(found.start, found.end), status) + markdown.slice(found.end);
}

export function markPlanSectionComplete(markdown: string): string {
  return setPlanSectionStatus(markdown, 'complete');
}

/**
 * For `verify`: marks the add-database step of `<dir>/.migration/plan.md` complete. Returns false
 * when there is no such section (run `plan` first); writes nothing when it is already complete.
 */
export async function markAddDatabaseComplete(dir: string): Promise<boolean> {
  const file = path.join(dir, '.migration', 'plan.md');
  let markdown: string;
  try {
    markdown = await fs.readFile(file, 'utf8');
  } catch {
    return false;
  }
  if (!findSection(markdown)) return false;
  const next = markPlanSectionComplete(markdown);
  if (next !== markdown) await writeFileAtomic(file, next);
  return true;
}

function withStatus(section: string, status: PlanStatus): string {
  return section.replace(STATUS_LINE, renderStatusLine(status));
}
