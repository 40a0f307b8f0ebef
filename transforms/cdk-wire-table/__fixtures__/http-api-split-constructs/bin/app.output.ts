#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { AppStack } from '../lib/app-stack';
import { DatabaseStack } from '../lib/database-stack';

const app = new App();
const database = new DatabaseStack(app, 'DatabaseStack');
new AppStack(app, 'NotesAppStack', { notesTable: database.notesTable, commentsTable: database.commentsTable });
