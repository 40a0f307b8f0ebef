import * as cdk from 'aws-cdk-lib';
import { BookmarksStack } from '../lib/bookmarks-stack';

const app = new cdk.App();
new BookmarksStack(app, 'BookmarksStack');
app.synth();
