/**
 * The `TODO markers` check of verify: apply leaves `// dynamodb-codemod: TODO <what to change>` at
 * every spot it could not rewrite, and the code there still talks to the old store. A migration
 * with markers left is not complete, whatever the replayed requests showed (they may not reach
 * that code), so each marker fails verify with its file:line and message.
 */
import { readFileSync } from 'node:fs';
import { readTodoMarkers } from '../apply/rewrite/addTodo';
import { discoverFiles } from '../scan/discoverFiles';
import type { CheckResult } from './checks';

export interface TodoMarker {
  file: string;
  line: number;
  message: string;
}

/** Every marker apply left in the project's own source files (the scan's discovery rules). */
export function findTodoMarkers(root: string): TodoMarker[] {
  const markers: TodoMarker[] = [];
  for (const file of discoverFiles(root).files) {
    if (file.kind !== 'source') continue;
    for (const marker of readTodoMarkers(readFileSync(file.abs, 'utf8'))) {
      markers.push({ file: file.rel, line: marker.line, message: marker.message.replace(/\*\/$/, '').trim() });
    }
  }
  return markers;
}

export function checkTodoMarkers(root: string): CheckResult {
  const name = 'TODO markers';
  const markers = findTodoMarkers(root);
  if (markers.length === 0) return { name, status: 'pass', reason: 'apply left no code unmigrated' };
  return {
    name,
    status: 'fail',
    reason: `${markers.length} spot(s) still use the old store: change the code as each marker says, remove the marker, then re-run verify`,
    details: markers.map((marker) => `${marker.file}:${marker.line}: ${marker.message}`),
  };
}
