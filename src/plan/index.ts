/** `plan`: access model → table design (`.migration/dynamodb.json`) and the add-database section of plan.md. */
export { plan, formatDesign, DESIGN_FILE, DERIVED_FILE, PLAN_FILE, type PlanOptions, type PlanResult } from './plan';
export { derivePlan, deriveBaseDesign, type DeriveOptions } from './derive-plan';
export { completeDesign } from './complete-design';
export { mergeDesign } from './merge-design';
export { validateDesign } from './validate-design';
export { applyChoices, parseChoiceFlags, emptyChoices, type PlanChoices, type ChoiceFlags } from './apply-choices';
export { askPlanQuestions, type QuestionStreams } from './ask-questions';
export { renderPlanSection } from './render-plan-section';
export { renderTableTree } from './render-table-tree';
export {
  PLAN_SECTION_START,
  PLAN_SECTION_END,
  upsertPlanSection,
  getPlanSectionStatus,
  setPlanSectionStatus,
  markPlanSectionComplete,
  markAddDatabaseComplete,
  type PlanStatus,
} from './plan-markdown';
export { toCreateTableInput, getTableSettings } from './to-create-table-input';
export { writeFileAtomic, writeFileIfChanged } from './write-file-atomic';
export { PlanUsageError, DesignValidationError, formatDesignError, type DesignError } from './plan-errors';
export { findServingIndex } from './index-resolver';
