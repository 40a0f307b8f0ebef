import { EXIT } from '../cli/exitCodes';
import { scan, ScanInputError } from '../scan';
import { renderReport } from '../scan/renderReport';
import { createProgressLine } from '../cli/progressLine';

export interface ScanCommandOptions {
  dir: string;
  json?: boolean;
  strict?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** `dynamodb-codemod scan <dir> [--json] [--strict]`; returns the exit code. */
export async function runScan(options: ScanCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const progress = createProgressLine(stderr, 'scan');
  try {
    const model = await scan(options.dir, {
      onProgress: (done, total) => progress.count('parsed', done, total),
      onPhase: (phase) => progress.step(phase),
      cache: true,
    });
    progress.done();
    stdout.write(options.json ? `${JSON.stringify(model, null, 2)}\n` : renderReport(model, options.dir));
    const hasErrors = model.diagnostics.some((d) => d.severity === 'error');
    return options.strict && hasErrors ? EXIT.problems : EXIT.ok;
  } catch (error) {
    progress.done();
    if (error instanceof ScanInputError) {
      stderr.write(`dynamodb-codemod scan: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
