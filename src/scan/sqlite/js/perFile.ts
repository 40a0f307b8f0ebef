import type { DiagnosticSink, SourceFile } from '../../types';

/**
 * Runs one file's share of the SQLite analysis; an unexpected failure (odd code the recogniser
 * did not foresee) becomes a diagnostic for that file and the other files are still scanned.
 */
export function perFile(file: SourceFile, diagnostics: DiagnosticSink | undefined, run: () => void, line = 1): void {
  try {
    run();
  } catch (error) {
    diagnostics?.add({
      severity: 'warning',
      code: 'sqlite-recogniser-error',
      file: file.rel,
      line,
      message: `the SQLite recogniser could not read this ${line > 1 ? 'call' : 'file'} (${(error as Error).message}); SQL in it may be missing from the model — please report this`,
    });
  }
}
