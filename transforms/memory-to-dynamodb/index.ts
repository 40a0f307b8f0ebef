/**
 * memory-to-dynamodb: arrays, Maps and object maps held in module variables become DynamoDB
 * tables through the shared client (src/emit builders), following .migration/dynamodb.json.
 *
 *   npx jscodeshift -t node_modules/dynamodb-codemod/dist/transforms/memory-to-dynamodb/index.js \
 *     --design .migration/dynamodb.json --run-in-band src/
 */
import { createTransform } from '../../src/apply/createTransform';
import { addImports } from '../../src/apply/rewrite/addImports';
import { rewriteCollections } from '../../src/apply/rewrite/collections/rewriteCollections';
import { propagateAsync } from '../../src/apply/rewrite/propagateAsync';
import { removeUnusedBindings } from '../../src/apply/rewrite/removeUnusedBindings';
import { retireStores } from '../../src/apply/rewrite/retireStores';
import { wrapExpressHandlers } from '../../src/apply/rewrite/wrapExpressHandlers';

export const steps = [rewriteCollections, retireStores, propagateAsync, wrapExpressHandlers, removeUnusedBindings, addImports];

const transform = createTransform({ name: 'memory-to-dynamodb', origins: ['memory'], steps });

export default transform;
