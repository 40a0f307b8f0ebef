import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { routes } from './routes';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

export interface BookmarksStackProps extends cdk.StackProps {
  readonly bookmarksTable: ITable;
}

export class BookmarksStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: BookmarksStackProps) {
    super(scope, id, props);

    const api = new apigw.RestApi(this, 'BookmarksApi', {
      deployOptions: { stageName: 'v1' },
    });

    // DynamoDB actions each function's handler performs on Bookmarks (from .migration/dynamodb.json).
    const bookmarksTableActions: Record<string, string[]> = {
      'list-bookmarks': ['dynamodb:Query'],
      'create-bookmark': ['dynamodb:PutItem'],
      'get-bookmark': ['dynamodb:GetItem'],
      'delete-bookmark': ['dynamodb:DeleteItem'],
      'import-bookmarks': ['dynamodb:BatchWriteItem'],
    };

    for (const route of routes) {
      const fn = new nodejs.NodejsFunction(this, `${route.name}-fn`, {
        entry: path.join(__dirname, `../functions/${route.name}.ts`),
        runtime: lambda.Runtime.NODEJS_24_X,
        environment: {
          POWERTOOLS_SERVICE_NAME: 'bookmarks',
          BOOKMARKS_TABLE_NAME: props.bookmarksTable.tableName,
        },
      });
      if (route.name in bookmarksTableActions) props.bookmarksTable.grant(fn, ...bookmarksTableActions[route.name]);
      const resource = api.root.resourceForPath(route.path);
      resource.addMethod(route.method, new apigw.LambdaIntegration(fn));
    }
  }
}
