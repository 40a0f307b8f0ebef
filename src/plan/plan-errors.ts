/** A flag or an answer that cannot be applied (exit code 2). The message names the flag and the value. */
export class PlanUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanUsageError';
  }
}

/** One reason a design cannot be used, at a JSON path of `.migration/dynamodb.json`. */
export interface DesignError {
  path: string;
  message: string;
}

export function formatDesignError(error: DesignError): string {
  return `${error.path}: ${error.message}`;
}

/** The design is invalid (exit code 1). */
export class DesignValidationError extends Error {
  constructor(readonly errors: DesignError[], readonly file = '.migration/dynamodb.json') {
    super(`${file} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.map((error) => `  ${formatDesignError(error)}`).join('\n')}`);
    this.name = 'DesignValidationError';
  }
}
