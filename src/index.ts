/**
 * The programmatic API: `import { scan, plan, apply } from 'dynamodb-codemod'`.
 * Each step reads the output of the step before it; see the README.
 */
export { scan, ScanInputError, type ScanOptions } from './scan';
export { plan, type PlanOptions, type PlanResult } from './plan';
export { apply, type ApplyOptions, type ApplyResult } from './apply';
export type * from './model/access-model';
export type * from './model/table-design';
