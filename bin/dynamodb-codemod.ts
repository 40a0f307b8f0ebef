#!/usr/bin/env node
import { main } from '../src/cli/main';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`dynamodb-codemod: internal error: ${error.message}\n`);
    process.exitCode = 1;
  },
);
