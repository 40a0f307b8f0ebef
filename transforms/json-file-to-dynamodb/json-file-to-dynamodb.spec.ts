/**
 * json-file-to-dynamodb on its __fixtures__: exact output text, and a second run on the output
 * changes nothing (idempotent, TODO markers not duplicated).
 */
import transform from '.';
import { listTransformCases, maybeUpdate, runTransformCase } from '../../test/apply/support/transform-fixtures';

const cases = listTransformCases(__dirname);

describe('json-file-to-dynamodb fixtures', () => {
  it('has the required kinds of cases', () => {
    const names = cases.map((testCase) => `${testCase.scenario}/${testCase.name}`);
    expect(names.some((name) => /no-change/.test(name))).toBe(true);
    expect(names.some((name) => /formatting/.test(name))).toBe(true);
    expect(names.some((name) => /unsupported/.test(name))).toBe(true);
    // already-migrated code in, nothing out
    expect(cases.some((testCase) => /idempotent/.test(testCase.name) && testCase.expected === undefined)).toBe(true);
    // a tab-indented file: every operation still found (recast expands leading tabs before parsing)
    expect(cases.some((testCase) => /formatting/.test(testCase.name) && /^\t+\S/m.test(testCase.input))).toBe(true);
  });

  it('keeps CRLF line ends and rewrites the same operations in a CRLF file', () => {
    const tabs = cases.find((testCase) => testCase.name === 'formatting-tabs')!;
    const lf = runTransformCase(transform.definition, tabs);
    const crlf = runTransformCase(transform.definition, tabs, tabs.input.replace(/\n/g, '\r\n'));
    expect(crlf.report.rewritten).toBe(lf.report.rewritten);
    expect(crlf.report.rewritten).toBeGreaterThan(0);
    expect(crlf.output).toBe(lf.output!.replace(/\n/g, '\r\n'));
  });

  it.each(cases.map((testCase) => [`${testCase.scenario}/${testCase.name}`, testCase] as const))('%s', (_name, testCase) => {
    const first = runTransformCase(transform.definition, testCase);
    maybeUpdate(testCase, first.output);
    expect(first.output).toBe(testCase.expected);
    if (testCase.expectedSeeds !== undefined) expect(first.report.seeds).toEqual(testCase.expectedSeeds);
    const migrated = first.output ?? testCase.input;
    const second = runTransformCase(transform.definition, testCase, migrated);
    expect(second.output ?? migrated).toBe(migrated);
    if (/unsupported/.test(testCase.name) || /unsupported/.test(testCase.scenario)) {
      expect(first.report.todos.length).toBeGreaterThan(0);
      expect(migrated.match(/dynamodb-codemod: TODO/g)?.length).toBe(first.report.todos.length);
    } else {
      expect(first.report.todos).toEqual([]);
    }
  });
});
