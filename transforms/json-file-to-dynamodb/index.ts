/**
 * json-file-to-dynamodb: data kept in JSON files — read and written with fs (sync, callback or
 * promise style) through the app's own helpers, or required/imported and changed in memory —
 * moves to DynamoDB tables through the shared client, following .migration/dynamodb.json.
 *
 *   npx jscodeshift -t node_modules/dynamodb-codemod/dist/transforms/json-file-to-dynamodb/index.js \
 *     --design .migration/dynamodb.json --run-in-band src/
 */
import { createTransform } from '../../src/apply/createTransform';
import { addImports } from '../../src/apply/rewrite/addImports';
import { rewriteCallbackReads } from '../../src/apply/rewrite/json/rewriteCallbackReads';
import { retireAccessors } from '../../src/apply/rewrite/json/retireAccessors';
import { rewriteCollections } from '../../src/apply/rewrite/collections/rewriteCollections';
import { propagateAsync } from '../../src/apply/rewrite/propagateAsync';
import { removeUnusedBindings } from '../../src/apply/rewrite/removeUnusedBindings';
import { wrapExpressHandlers } from '../../src/apply/rewrite/wrapExpressHandlers';

export const steps = [rewriteCallbackReads, rewriteCollections, retireAccessors, propagateAsync, wrapExpressHandlers, removeUnusedBindings, addImports];

const transform = createTransform({ name: 'json-file-to-dynamodb', origins: ['json-module', 'json-fs'], steps });

export default transform;
