/** Types of `fixtures/<name>/fixture.json` (format: fixtures/README.md); defined with verify's replay in src/. */
export * from '../../src/verify/replay/types';
