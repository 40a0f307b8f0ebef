import { App } from 'aws-cdk-lib';
import { ApiStack } from './stacks/api-stack';
import { DatabaseStack } from './stacks/database-stack';

const app = new App();
const database = new DatabaseStack(app, 'DatabaseStack');
const stage = app.node.tryGetContext('stage') ?? 'dev';

new ApiStack(app, `TodoApi-${stage}`, { stage, todosTable: database.todosTable, usersTable: database.usersTable });
