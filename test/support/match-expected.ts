/** The comparison rules of fixtures/README.md; defined with verify's replay in src/. */
export { matchExpected, readPath, substituteText, substituteVars } from '../../src/verify/replay/matchExpected';
export type { MatchOptions, Vars } from '../../src/verify/replay/matchExpected';
