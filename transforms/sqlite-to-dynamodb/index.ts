/**
 * sqlite-to-dynamodb: SQL run through better-sqlite3 becomes DynamoDB commands through the shared
 * client (src/emit builders), following .migration/dynamodb.json. What it cannot rewrite gets one
 * `// dynamodb-codemod: TODO …` marker. See src/apply-sqlite.
 *
 *   npx jscodeshift -t node_modules/dynamodb-codemod/dist/transforms/sqlite-to-dynamodb/index.js \
 *     --design .migration/dynamodb.json --run-in-band src/
 */
import { createTransform } from '../../src/apply/createTransform';
import { addImports } from '../../src/apply/rewrite/addImports';
import { propagateAsync } from '../../src/apply/rewrite/propagateAsync';
import { wrapExpressHandlers } from '../../src/apply/rewrite/wrapExpressHandlers';
import { rewriteSqlCalls } from '../../src/apply-sqlite/rewriteSqlCalls';

export const steps = [rewriteSqlCalls, propagateAsync, wrapExpressHandlers, addImports];

// origins: SQLite stores are not StoreTargets of src/apply (see the report); the step finds its own tables.
const transform = createTransform({ name: 'sqlite-to-dynamodb', origins: [], steps });

export default transform;
