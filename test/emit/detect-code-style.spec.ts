import { detectCodeStyle } from '../../src/emit/detectCodeStyle';

describe('detectCodeStyle', () => {
  it('does not count the lines of a multi-line SQL template as statements without semicolons', () => {
    // the shape of a module of prepared statements: few statements, many SQL lines
    const source = [
      "const db = require('./index');",
      '',
      'const listPosts = db.prepare(`',
      '  SELECT p.*, a.name AS author_name',
      '  FROM posts p',
      '  JOIN authors a ON a.id = p.author_id',
      '  ORDER BY p.created_at DESC, p.id DESC',
      '`);',
      'const tagsForPost = db.prepare(`',
      '  SELECT t.name FROM tags t',
      '  JOIN post_tags pt ON pt.tag_id = t.id',
      '  WHERE pt.post_id = ?',
      '  ORDER BY t.name',
      '`);',
      '',
      'module.exports = { listPosts, tagsForPost };',
    ].join('\n');
    expect(detectCodeStyle(source).semicolons).toBe(true);
  });

  it('does not count lines inside a template hole or a string, and still sees a file without semicolons', () => {
    const source = [
      "const a = require('a')",
      'const sql = `',
      "  SELECT * FROM t WHERE x = ${flag ? 'one;' : 'two;'};",
      '  AND y = 1;',
      '  AND z = 2;',
      '`',
      "const b = 'semi;'",
      'run(sql)',
    ].join('\n');
    expect(detectCodeStyle(source).semicolons).toBe(false);
  });

  it('counts quotes outside templates and comments only', () => {
    const source = [
      '// it\'s "double" here, \'single\' there',
      'const x = "a";',
      "const y = `'b' 'c' 'd'`;",
      'const z = "e";',
    ].join('\n');
    expect(detectCodeStyle(source).quote).toBe('"');
  });
});
