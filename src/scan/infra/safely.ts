import type { ScanContext } from '../types';

/**
 * Runs the analysis of one construct/route/request; an internal error becomes a diagnostic at
 * its file:line and the scan goes on with the rest (one odd call never costs the whole recogniser).
 */
export function safely<T>(ctx: ScanContext, at: { file: string; line: number }, what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    ctx.diagnostics.add({
      severity: 'warning',
      code: 'scan-internal-error',
      file: at.file,
      line: at.line,
      message: `could not analyse this ${what} (${(error as Error).message}); it is left out of the model — please report this`,
    });
    return undefined;
  }
}
