/**
 * memory-to-dynamodb on its __fixtures__: exact output text, and a second run on the output
 * changes nothing (idempotent, TODO markers not duplicated).
 */
import transform from '.';
import { describeTransformFixtures } from '../../test/apply/support/transform-fixtures';

describeTransformFixtures('memory-to-dynamodb', __dirname, transform.definition);
