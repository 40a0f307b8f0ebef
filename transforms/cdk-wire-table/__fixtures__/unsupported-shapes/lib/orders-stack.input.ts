import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const api = new apigw.RestApi(this, 'OrdersApi');

    // Wired normally.
    const getOrder = new NodejsFunction(this, 'GetOrder', {
      entry: path.join(__dirname, '../handlers/get-order.ts'),
    });
    api.root.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(getOrder));

    // The entry comes from the environment of the machine running synth: cannot tell the handler.
    const webhook = new NodejsFunction(this, 'Webhook', {
      entry: process.env.WEBHOOK_ENTRY ?? path.join(__dirname, '../handlers/webhook.ts'),
    });
    api.root.addResource('webhook').addMethod('POST', new apigw.LambdaIntegration(webhook));

    // Created inline: hoisted into a const so that it can be granted.
    api.root.addResource('place').addMethod('POST', new apigw.LambdaIntegration(new NodejsFunction(this, 'PlaceOrder', {
      entry: path.join(__dirname, '../handlers/place-order.ts'),
    })));

    // Returned by an arrow function: no statement to add the grant to.
    const cancellers = ['cancel-order'].map((name) => new NodejsFunction(this, name, { entry: path.join(__dirname, `../handlers/${name}.ts`) }));
    api.root.addResource('cancel').addMethod('POST', new apigw.LambdaIntegration(cancellers[0]));

    this.addRefunds(api);
  }

  private addRefunds(api: apigw.RestApi) {
    const refund = new NodejsFunction(this, 'Refund', {
      entry: path.join(__dirname, '../handlers/refund.ts'),
    });
    api.root.addResource('refund').addMethod('POST', new apigw.LambdaIntegration(refund));
  }
}
