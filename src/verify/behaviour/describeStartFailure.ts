/**
 * Why an app did not start, in one line: when Node could not find a package the app imports, the
 * cause is almost always dependencies that were never installed in that folder, and saying so
 * (with the package's name) saves the user from reading the app's stack trace.
 */
export function describeStartFailure(which: string, message: string): string {
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  // a relative or absolute path is a file of the app, not a package to install
  if (!missing || missing.startsWith('.') || missing.startsWith('/')) return `the ${which} app did not start`;
  return `the ${which} app did not start: package '${missing}' is not installed (run npm install in the app, then re-run verify)`;
}
