import { hclString, parseHclBlocks } from '../../../src/scan/infra/terraform/parseHcl';

describe('parseHclBlocks', () => {
  it('reads top-level blocks, labels, lines and top-level attributes past comments, heredocs and nested blocks', () => {
    const blocks = parseHclBlocks(
      [
        '# a comment with { braces',
        'resource "aws_iam_role" "r" {',
        '  assume_role_policy = <<EOF',
        '{ "Version": "2012-10-17" }',
        'EOF',
        '  name = "role" // trailing',
        '}',
        '/* block',
        '   comment */',
        'resource "aws_lambda_function" "fn" {',
        '  handler = "index.handler"',
        '  environment {',
        '    variables = { handler = "nested" }',
        '  }',
        '  tags = {',
        '    handler = "in a map"',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(blocks.map((b) => ({ type: b.type, labels: b.labels, line: b.line, attributes: Object.fromEntries(b.attributes) }))).toEqual([
      { type: 'resource', labels: ['aws_iam_role', 'r'], line: 2, attributes: { assume_role_policy: '<<EOF', name: '"role"' } },
      { type: 'resource', labels: ['aws_lambda_function', 'fn'], line: 10, attributes: { handler: '"index.handler"', tags: '{' } },
    ]);
  });

  it('interpolates known references in strings and refuses unknown ones', () => {
    expect(hclString('"${path.module}/src"', { 'path.module': '/p' })).toBe('/p/src');
    expect(hclString('"${var.dir}/src"', { 'path.module': '/p' })).toBeUndefined();
    expect(hclString('data.archive_file.x.output_path', {})).toBeUndefined();
  });
});
