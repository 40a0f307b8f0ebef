import * as cdk from 'aws-cdk-lib';
import { BookmarksStack } from '../lib/bookmarks-stack';
import { DatabaseStack } from '../lib/database-stack';

const app = new cdk.App();
const database = new DatabaseStack(app, 'DatabaseStack');
new BookmarksStack(app, 'BookmarksStack', { bookmarksTable: database.bookmarksTable });
app.synth();
