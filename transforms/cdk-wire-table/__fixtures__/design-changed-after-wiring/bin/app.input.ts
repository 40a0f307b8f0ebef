#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { NotesStack } from '../lib/notes-stack';
import { DatabaseStack } from '../lib/database-stack';

const app = new cdk.App();
const database = new DatabaseStack(app, 'DatabaseStack', { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } });
new NotesStack(app, 'NotesStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  notesTable: database.notesTable,
});
