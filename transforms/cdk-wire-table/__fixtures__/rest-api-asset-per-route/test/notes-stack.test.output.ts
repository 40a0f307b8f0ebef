import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { NotesStack } from '../lib/notes-stack';
import { DatabaseStack } from '../lib/database-stack';

test('one function per route', () => {
  const app = new cdk.App();
  const database = new DatabaseStack(app, 'DatabaseStack');
  const stack = new NotesStack(app, 'MyTestStack', { notesTable: database.notesTable });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::Lambda::Function', 5);
});
