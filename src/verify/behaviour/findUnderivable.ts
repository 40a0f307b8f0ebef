/**
 * A request derived from the routes that needs a variable neither app gave — typically the id a
 * create should have answered — cannot be sent as meant: it would carry the literal `{{Note_id}}`.
 * It is reported as not derivable, with the reason, instead of being sent.
 */
import { substituteText, substituteVars, type Vars } from '../replay/matchExpected';
import type { ReplayRequest } from '../replay/types';

/** Why `request` cannot be sent (undefined: it can). `requests` is the whole derived list, for the captures. */
export function findUnderivable(request: ReplayRequest, requests: ReplayRequest[], originalVars: Vars, migratedVars: Vars): string | undefined {
  const missing = usedVariables(request).filter((name) => !(name in originalVars) && !(name in migratedVars));
  if (!missing.length) return undefined;
  const reasons = missing.map((name) => {
    const capturing = requests.find((candidate) => candidate.capture?.[name] !== undefined);
    if (!capturing) return `nothing captures {{${name}}}`;
    const field = capturing.capture![name].replace(/^body\./, '');
    return `the ${capturing.method.toUpperCase()} ${capturing.path} response has no ${field} field (request "${capturing.name}")`;
  });
  return `not derivable: ${[...new Set(reasons)].join('; ')}`;
}

function usedVariables(request: ReplayRequest): string[] {
  const unknown: string[] = [];
  substituteText(request.path, {}, unknown);
  for (const value of Object.values(request.headers ?? {})) substituteText(value, {}, unknown);
  if (request.body !== undefined) substituteVars(request.body, {}, unknown);
  return [...new Set(unknown)];
}
