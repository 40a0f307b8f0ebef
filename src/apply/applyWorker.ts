/**
 * A worker process of `apply` (started by rewriteInWorkers.ts). Babel trees cannot be sent
 * between processes, so it builds the same analysis as the parent with its own scan, then
 * rewrites the files the parent sends, answering one message per file.
 */
import type { ApplyAnalysis } from './analysis/buildApplyAnalysis';
import { rewriteSourceFile } from './rewriteSourceFile';
import { createSession } from './session';
import { combineTransforms, selectTransforms } from './transforms';

export interface WorkerStart {
  type: 'start';
  root: string;
  designPath: string;
  transforms?: string[];
}

export type ParentMessage = WorkerStart | { type: 'files'; files: string[] };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'file'; rel: string; outcome?: ReturnType<typeof rewriteSourceFile>; error?: string };

interface WorkerState {
  analysis: ApplyAnalysis;
  combined: ReturnType<typeof combineTransforms>;
}

const send = (message: WorkerMessage) => process.send?.(message);

async function start(message: WorkerStart): Promise<WorkerState | undefined> {
  try {
    const combined = combineTransforms(selectTransforms(message.transforms));
    const session = await createSession(message.root, message.designPath);
    send({ type: 'ready' });
    return { analysis: session.analysis, combined };
  } catch (error) {
    send({ type: 'failed', message: String((error as Error).message ?? error) });
    return undefined;
  }
}

function rewrite(state: WorkerState | undefined, files: string[]): void {
  for (const rel of files) {
    if (!state) {
      send({ type: 'file', rel, error: 'worker has no analysis' });
      continue;
    }
    try {
      send({ type: 'file', rel, outcome: rewriteSourceFile(state.analysis, rel, state.combined.origins, state.combined.steps) });
    } catch (error) {
      // the parent rewrites this file itself, so an error surfaces exactly as without workers
      send({ type: 'file', rel, error: String((error as Error).message ?? error) });
    }
  }
}

let state: Promise<WorkerState | undefined> = Promise.resolve(undefined);
process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') state = start(message);
  else if (message.type === 'files') state = state.then((ready) => (rewrite(ready, message.files), ready));
});
process.on('disconnect', () => process.exit(0));
