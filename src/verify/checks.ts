/** One verify check's outcome, printed as `PASS name: reason` or put in the JSON result. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  reason: string;
  /** Lines that explain the reason (errors, violations, granted actions). */
  details?: string[];
}

export function formatCheck(check: CheckResult): string {
  const head = `${check.status.toUpperCase().padEnd(4)} ${check.name}: ${check.reason}`;
  return [head, ...(check.details ?? []).map((line) => `     ${line}`)].join('\n');
}
