import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles } from '../../../src/scan/discoverFiles';
import { makeRepoTempDir } from '../../support/fixture-files';

function makeTree(files: Record<string, string>): string {
  const root = makeRepoTempDir('discover-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}


describe('discoverFiles', () => {
  it('keeps sources and data files, skips dependencies, build output and ignored files', () => {
    const root = makeTree({
      'server.js': 'x',
      'src/routes/notes.ts': 'x',
      'src/types.d.ts': 'x',
      'data/notes.json': '[]',
      'schema.sql': 'x',
      'package-lock.json': '{}',
      'node_modules/express/index.js': 'x',
      'dist/server.js': 'x',
      'cdk.out/manifest.json': '{}',
      'logs/app.js': 'x',
      'src/generated/client.js': 'x',
      '.gitignore': 'logs/\n',
      'src/.gitignore': 'generated/\n',
      'README.md': 'x',
    });
    const { files, diagnostics } = discoverFiles(root);
    expect(files.map((f) => `${f.kind}:${f.rel}`)).toEqual([
      'data:data/notes.json',
      'data:schema.sql',
      'source:server.js',
      'source:src/routes/notes.ts',
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'skipped-directories', message: expect.stringContaining('cdk.out, dist, node_modules') }),
    ]);
  });

  it('says which files it skipped for size or minification', () => {
    const root = makeTree({
      'big.js': `// ${'x'.repeat(1024 * 1024 + 10)}`,
      'public/app.min.js': 'x',
      'public/vendor.js': `${'var a=1;'.repeat(400)}`,
      'ok.js': 'const a = 1;',
    });
    const { files, diagnostics } = discoverFiles(root);
    expect(files.map((f) => f.rel)).toEqual(['ok.js']);
    expect(diagnostics.map((d) => `${d.file} ${d.message}`)).toEqual([
      'big.js not scanned: file is over 1 MB (1024 KB)',
      'public/app.min.js not scanned: minified or bundled file',
      'public/vendor.js not scanned: minified file (very long lines)',
    ]);
  });
});
