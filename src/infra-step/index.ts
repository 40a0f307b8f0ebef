export { applyInfrastructure, findCdkDir, type ApplyInfrastructureOptions, type ApplyInfrastructureResult } from './applyInfrastructure';
export type { InfraFileChange } from './planFileChange';
