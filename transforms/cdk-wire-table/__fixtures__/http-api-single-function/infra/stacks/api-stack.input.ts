import { join } from 'node:path';
import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export interface ApiStackProps extends StackProps {
  /** dev, staging or prod */
  stage: string;
}

export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const apiHandler = new NodejsFunction(this, 'ApiHandler', {
      entry: join(__dirname, '..', '..', 'src', 'handler.ts'),
      runtime: Runtime.NODEJS_24_X,
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment: {
        STAGE: props.stage,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: { minify: true, sourceMap: true },
    });

    const httpApi = new HttpApi(this, 'HttpApi', { apiName: `todos-${props.stage}` });
    const integration = new HttpLambdaIntegration('ApiIntegration', apiHandler);
    httpApi.addRoutes({ path: '/todos', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    httpApi.addRoutes({ path: '/todos/{id}', methods: [HttpMethod.PATCH, HttpMethod.DELETE], integration });
    httpApi.addRoutes({ path: '/login', methods: [HttpMethod.POST], integration });
    httpApi.addRoutes({ path: '/me', methods: [HttpMethod.GET], integration });

    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
  }
}
