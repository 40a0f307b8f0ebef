import * as fs from 'node:fs';
import * as path from 'node:path';

/** This package's root (works from src/ under ts-jest/tsx and from dist/ once built). */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && JSON.parse(fs.readFileSync(candidate, 'utf8')).name === 'dynamodb-codemod') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('dynamodb-codemod: cannot find its own package.json');
    dir = parent;
  }
}

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
}
