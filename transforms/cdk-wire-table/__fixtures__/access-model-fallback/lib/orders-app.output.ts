import * as path from 'path';
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { DatabaseStack } from './database-stack';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

/** The team's helper: the transform cannot evaluate calls, the scanner linked the constructs. */
const handlerPath = (name: string) => path.join(__dirname, '..', 'handlers', `${name}.ts`);

interface OrdersStackProps extends StackProps {
  readonly ordersTable: ITable;
}

class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id, props);

    const getOrder = new NodejsFunction(this, 'GetOrder', { entry: handlerPath('get-order'), environment: { ORDERS_TABLE_NAME: props.ordersTable.tableName } });
    props.ordersTable.grant(getOrder, 'dynamodb:GetItem');
    getOrder.addAlias('live');

    const listOrders = new NodejsFunction(this, 'ListOrders', { entry: handlerPath('list-orders'), environment: { ORDERS_TABLE_NAME: props.ordersTable.tableName } });
    props.ordersTable.grant(listOrders, 'dynamodb:Scan');
    listOrders.addAlias('live');
  }
}

const app = new App();
const database = new DatabaseStack(app, 'DatabaseStack');
new OrdersStack(app, 'OrdersStack', { ordersTable: database.ordersTable });
