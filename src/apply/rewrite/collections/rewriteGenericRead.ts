import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { scanExpression } from './reads';

/**
 * A use that needs every record (`res.json(notes)`, `notes.length`, `notes.filter(n => n.tags…)`):
 * the store reference becomes a Scan of the table; a snapshot variable keeps its uses and its
 * read becomes the Scan. The app's own filtering, sorting and paging stay as they are.
 */
export function rewriteGenericRead(pass: CollectionPass, use: CollectionUse): void {
  pass.consume(use.path.node);
  if (use.snapshot) {
    use.snapshot.needsAll = true;
    return;
  }
  use.path.replace(scanExpression(pass.rewrite, use.path, use.target));
  pass.rewrite.operationDone();
}
