import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

export interface OrdersStackProps extends cdk.StackProps {
  readonly ordersTable: ITable;
}

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id, props);
    const api = new apigw.RestApi(this, 'OrdersApi');

    // Wired normally.
    const getOrder = new NodejsFunction(this, 'GetOrder', {
      entry: path.join(__dirname, '../handlers/get-order.ts'),
      environment: { ORDERS_TABLE_NAME: props.ordersTable.tableName },
    });
    props.ordersTable.grant(getOrder, 'dynamodb:GetItem');
    api.root.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(getOrder));

    // dynamodb-codemod: TODO could not tell which handler file this function runs: its entry (process.env.WEBHOOK_ENTRY ?? path.join(__dirname, '../han...) is not a constant path. Use a literal path (or path.join(__dirname, …)), then re-run
    // The entry comes from the environment of the machine running synth: cannot tell the handler.
    const webhook = new NodejsFunction(this, 'Webhook', {
      entry: process.env.WEBHOOK_ENTRY ?? path.join(__dirname, '../handlers/webhook.ts'),
    });
    api.root.addResource('webhook').addMethod('POST', new apigw.LambdaIntegration(webhook));

    const placeOrderFunction = new NodejsFunction(this, 'PlaceOrder', {
      entry: path.join(__dirname, '../handlers/place-order.ts'),
    });
    placeOrderFunction.addEnvironment('ORDERS_TABLE_NAME', props.ordersTable.tableName);
    props.ordersTable.grant(placeOrderFunction, 'dynamodb:PutItem');
    // Created inline: hoisted into a const so that it can be granted.
    api.root.addResource('place').addMethod('POST', new apigw.LambdaIntegration(placeOrderFunction));

    // Returned by an arrow function: no statement to add the grant to.
    // dynamodb-codemod: TODO the function is returned by an arrow function; give it a block body that assigns the function to a const, then re-run
    const cancellers = ['cancel-order'].map((name) => new NodejsFunction(this, name, { entry: path.join(__dirname, `../handlers/${name}.ts`) }));
    api.root.addResource('cancel').addMethod('POST', new apigw.LambdaIntegration(cancellers[0]));

    this.addRefunds(api);
  }

  private addRefunds(api: apigw.RestApi) {
    // dynamodb-codemod: TODO it is created in method addRefunds, where the constructor's props are not in scope; create it in the constructor (or pass the table to addRefunds), then re-run
    const refund = new NodejsFunction(this, 'Refund', {
      entry: path.join(__dirname, '../handlers/refund.ts'),
    });
    api.root.addResource('refund').addMethod('POST', new apigw.LambdaIntegration(refund));
  }
}
