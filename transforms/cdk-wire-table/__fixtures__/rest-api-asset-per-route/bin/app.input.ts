#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { NotesStack } from '../lib/notes-stack';

const app = new cdk.App();
new NotesStack(app, 'NotesStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
