import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { NotesStack } from '../lib/notes-stack';

test('one function per route', () => {
  const app = new cdk.App();
  const stack = new NotesStack(app, 'MyTestStack');
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::Lambda::Function', 5);
});
