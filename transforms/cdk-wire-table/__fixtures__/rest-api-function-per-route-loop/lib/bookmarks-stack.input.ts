import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { routes } from './routes';

export class BookmarksStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const api = new apigw.RestApi(this, 'BookmarksApi', {
      deployOptions: { stageName: 'v1' },
    });

    for (const route of routes) {
      const fn = new nodejs.NodejsFunction(this, `${route.name}-fn`, {
        entry: path.join(__dirname, `../functions/${route.name}.ts`),
        runtime: lambda.Runtime.NODEJS_24_X,
        environment: {
          POWERTOOLS_SERVICE_NAME: 'bookmarks',
        },
      });
      const resource = api.root.resourceForPath(route.path);
      resource.addMethod(route.method, new apigw.LambdaIntegration(fn));
    }
  }
}
