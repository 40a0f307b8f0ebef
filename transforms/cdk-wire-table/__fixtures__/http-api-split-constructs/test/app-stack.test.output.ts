import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AppStack } from '../lib/app-stack';
import { DatabaseStack } from '../lib/database-stack';

describe('AppStack', () => {
  const app = new App();
  const database = new DatabaseStack(app, 'DatabaseStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const stack = new AppStack(app, 'TestStack', {
    env: { account: '123456789012', region: 'eu-west-1' },
    notesTable: database.notesTable,
    commentsTable: database.commentsTable,
  });
  const template = Template.fromStack(stack);

  test('one function per route behind the HTTP API', () => {
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
  });

  test('functions keep the team defaults', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      Environment: { Variables: Match.objectLike({ PAGE_SIZE: '20', NODE_OPTIONS: '--enable-source-maps' }) },
    });
  });
});
