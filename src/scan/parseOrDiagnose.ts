import type { DiagnosticRecord } from '../model/access-model';
import { parseSource, SourceParseError } from './parseSource';
import type { SourceFile } from './types';

/** Parses one source file; a syntax error becomes a diagnostic (error when the file cannot be scanned, warning when Babel recovered). */
export function parseOrDiagnose(rel: string, abs: string, text: string, diagnostics: DiagnosticRecord[]): SourceFile | undefined {
  try {
    const parsed = parseSource(rel, abs, text);
    const recovered = ((parsed.ast as { errors?: unknown[] }).errors ?? [])[0] as { message?: string; loc?: { line: number } } | undefined;
    if (recovered) {
      diagnostics.push({
        severity: 'warning',
        code: 'parse-recovered',
        file: rel,
        line: recovered.loc?.line ?? 1,
        message: `${(recovered.message ?? 'syntax error').replace(/\s*\(\d+:\d+\)$/, '')} — scanned as far as possible; the app may not run as written`,
      });
    }
    return parsed;
  } catch (error) {
    const line = error instanceof SourceParseError ? error.line : 1;
    diagnostics.push({
      severity: 'error',
      code: 'parse-error',
      file: rel,
      line,
      message: `cannot parse: ${(error as Error).message}; this file was not scanned`,
    });
    return undefined;
  }
}
