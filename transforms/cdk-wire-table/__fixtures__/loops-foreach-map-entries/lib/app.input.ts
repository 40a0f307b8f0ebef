import * as path from 'path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

const publicHandlers = {
  search: { memory: 256 },
  details: { memory: 128 },
};

interface Job {
  name: string;
  schedule: string;
}

export class ShopStack extends Stack {
  public readonly jobs: lambda.Function[];

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    Object.entries(publicHandlers).forEach(([name, config]) => {
      const handler = new NodejsFunction(this, `${name}Handler`, {
        entry: path.join(__dirname, '..', 'src', 'handlers', `${name}.ts`),
        handler: 'main',
        memorySize: config.memory,
      });
      handler.addAlias('live');
    });

    const jobs: Job[] = [
      { name: 'restock', schedule: 'rate(1 hour)' },
      { name: 'report', schedule: 'rate(1 day)' },
    ];
    this.jobs = jobs.map(({ name }) => {
      const job = new NodejsFunction(this, `${name}Job`, {
        entry: path.join(__dirname, `../src/handlers/${name}.ts`),
        handler: 'main',
      });
      return job;
    });
  }
}

const app = new App();
new ShopStack(app, 'ShopStack');
