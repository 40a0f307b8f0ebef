import { EXIT } from '../cli/exitCodes';
import { scan, ScanInputError } from '../scan';
import { renderReport } from '../scan/renderReport';

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
  const showProgress = Boolean((stderr as NodeJS.WriteStream).isTTY);
  try {
    const model = await scan(options.dir, {
      onProgress: showProgress
        ? (done, total) => {
            if (done === total || done % 50 === 0) stderr.write(`\rscanning ${done}/${total} files`);
            if (done === total) stderr.write('\r\x1b[K');
          }
        : undefined,
    });
    stdout.write(options.json ? `${JSON.stringify(model, null, 2)}\n` : renderReport(model, options.dir));
    const hasErrors = model.diagnostics.some((d) => d.severity === 'error');
    return options.strict && hasErrors ? EXIT.problems : EXIT.ok;
  } catch (error) {
    if (error instanceof ScanInputError) {
      stderr.write(`dynamodb-codemod scan: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
