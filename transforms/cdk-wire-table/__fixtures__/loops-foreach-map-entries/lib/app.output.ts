import * as path from 'path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { DatabaseStack } from './database-stack';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

const publicHandlers = {
  search: { memory: 256 },
  details: { memory: 128 },
};

interface Job {
  name: string;
  schedule: string;
}

export interface ShopStackProps extends StackProps {
  readonly productsTable: ITable;
}

export class ShopStack extends Stack {
  public readonly jobs: lambda.Function[];

  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, props);

    // DynamoDB actions each function's handler performs on Products (from .migration/dynamodb.json).
    const productsTableActions: Record<string, string[]> = {
      search: ['dynamodb:Query'],
      details: ['dynamodb:GetItem'],
    };

    Object.entries(publicHandlers).forEach(([name, config]) => {
      const handler = new NodejsFunction(this, `${name}Handler`, {
        entry: path.join(__dirname, '..', 'src', 'handlers', `${name}.ts`),
        handler: 'main',
        memorySize: config.memory,
        environment: { PRODUCTS_TABLE_NAME: props.productsTable.tableName },
      });
      props.productsTable.grant(handler, ...productsTableActions[name]);
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
        environment: { PRODUCTS_TABLE_NAME: props.productsTable.tableName },
      });
      job.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [props.productsTable.tableArn] }));
      return job;
    });
  }
}

const app = new App();
const database = new DatabaseStack(app, 'DatabaseStack');
new ShopStack(app, 'ShopStack', { productsTable: database.productsTable });
