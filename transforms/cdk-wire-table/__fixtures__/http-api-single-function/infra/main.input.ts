import { App } from 'aws-cdk-lib';
import { ApiStack } from './stacks/api-stack';

const app = new App();
const stage = app.node.tryGetContext('stage') ?? 'dev';

new ApiStack(app, `TodoApi-${stage}`, { stage });
