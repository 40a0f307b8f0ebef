import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { applyChoices, parseChoiceFlags, type ChoiceFlags, type PlanChoices } from './apply-choices';
import { completeDesign } from './complete-design';
import { deriveBaseDesign, getPlanNotes } from './derive-plan';
import { isObject } from './json';
import { mergeDesign } from './merge-design';
import { DesignValidationError, PlanUsageError } from './plan-errors';
import { upsertPlanSection } from './plan-markdown';
import { renderPlanSection } from './render-plan-section';
import { validateDesign } from './validate-design';

export const DESIGN_FILE = path.join('.migration', 'dynamodb.json');
export const DERIVED_FILE = path.join('.migration', 'dynamodb.derived.json');
export const PLAN_FILE = path.join('.migration', 'plan.md');

export interface PlanOptions extends ChoiceFlags {
  /** Layout; undefined keeps the layout of an existing design (table per entity when none). */
  singleTable?: boolean;
  /** The access model; when absent `scan(dir)` computes it. */
  model?: AccessModel;
  /** Asked with the design before completion (the interactive questions); returns the choices made. */
  ask?: (design: TableDesign, model: AccessModel) => Promise<{ choices: PlanChoices }>;
}

export interface PlanResult {
  design: TableDesign;
  /** The whole new `.migration/plan.md` (other sections of an existing file kept byte for byte). */
  planMarkdown: string;
  /** What the code alone implies; written to `.migration/dynamodb.derived.json` to tell edits apart next time. */
  derived: TableDesign;
  model: AccessModel;
  /** The design file as read (undefined when there was none). */
  previous?: TableDesign;
  /** Set when the layout switched, so the previous design could not be merged. */
  replacedLayout?: string;
  notes: string[];
}

/**
 * `plan` without writing: scan (unless a model is given), derive, merge people's edits of an
 * existing design, apply flags and answers, validate, render plan.md. Throws PlanUsageError for
 * bad flags and DesignValidationError (every problem with its JSON path) for a bad design.
 */
export async function plan(dir: string, options: PlanOptions = {}): Promise<PlanResult> {
  const model = options.model ?? (await scanProject(dir));
  const flags = parseChoiceFlags(options);
  const previous = await readDesignFile(path.join(dir, DESIGN_FILE));
  const base = await readDesignFile(path.join(dir, DERIVED_FILE)).catch(() => undefined); // a broken baseline only loses edit tracking
  const previousLayout = previous ? (previous.layout ?? 'table-per-entity') : undefined;
  const singleTable = options.singleTable ?? previousLayout === 'single-table';
  const derived = deriveBaseDesign(model, { singleTable });
  const replacedLayout = previousLayout && previousLayout !== derived.layout ? previousLayout : undefined;
  let design = derived;
  if (previous && !replacedLayout) {
    design = mergeDesign(previous, derived, base && (base.layout ?? 'table-per-entity') === derived.layout ? base : undefined);
    // handlers are recomputed below from the merged tables; only people's part is checked here
    const errors = validateDesign({ ...design, handlers: [] }, model);
    if (errors.length) throw new DesignValidationError(errors, DESIGN_FILE);
  }
  design = applyChoices(design, model, flags);
  if (options.ask) {
    const { choices } = await options.ask(design, model);
    design = applyChoices(design, model, choices);
  }
  design = completeDesign(design, model);
  const errors = validateDesign(design, model);
  if (errors.length) throw new DesignValidationError(errors, DESIGN_FILE);
  const notes = getPlanNotes(model);
  const existingPlan = await fs.readFile(path.join(dir, PLAN_FILE), 'utf8').catch(() => undefined);
  const planMarkdown = upsertPlanSection(existingPlan, renderPlanSection(design, model, { notes }));
  return { design, planMarkdown, derived, model, ...(previous ? { previous } : {}), ...(replacedLayout ? { replacedLayout } : {}), notes };
}

/** The JSON text `plan` writes: 2-space indent, trailing newline. */
export function formatDesign(design: TableDesign): string {
  return `${JSON.stringify(design, null, 2)}\n`;
}

/** Reads a design file; undefined when missing, DesignValidationError when it is not a JSON object. */
async function readDesignFile(file: string): Promise<TableDesign | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DesignValidationError([{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }], path.basename(path.dirname(file)) + '/' + path.basename(file));
  }
  if (!isObject(value) || !Array.isArray(value.tables) || !isObject(value.entities)) {
    const errors = validateDesign(value, { version: 1, stores: [], entities: [], operations: [], handlers: [], infrastructure: { kind: 'none', files: [] }, diagnostics: [] });
    throw new DesignValidationError(errors.length ? errors : [{ path: '(root)', message: 'must have tables and entities' }], path.basename(path.dirname(file)) + '/' + path.basename(file));
  }
  return value as unknown as TableDesign;
}

type ScanModule = { scan?: (dir: string) => Promise<AccessModel>; ScanInputError?: new (...args: never[]) => Error };

/**
 * Runs the scanner, loaded on first use so callers that pass a model never load its parsers.
 * Its input errors (not a project directory…) are usage errors of plan.
 */
async function scanProject(dir: string): Promise<AccessModel> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scanModule = require('../scan') as ScanModule;
  if (typeof scanModule.scan !== 'function') throw new Error('src/scan does not export scan(dir); pass a model instead');
  try {
    return await scanModule.scan(dir);
  } catch (error) {
    if (scanModule.ScanInputError && error instanceof scanModule.ScanInputError) throw new PlanUsageError(error.message);
    throw error;
  }
}
