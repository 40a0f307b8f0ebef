import { EXIT } from './exitCodes';

/** A command whose implementation has not landed: say so plainly and exit 2. */
export function notAvailable(command: string, issue: number): number {
  process.stderr.write(
    `dynamodb-codemod ${command}: not available in this version yet (tracked as issue #${issue}). ` +
      'Nothing was changed.\n',
  );
  return EXIT.usage;
}
