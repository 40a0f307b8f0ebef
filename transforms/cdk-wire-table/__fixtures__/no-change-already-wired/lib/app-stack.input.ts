import { Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { NotesApi } from './constructs/notes-api';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

export interface AppStackProps extends StackProps {
  readonly notesTable: ITable;
  readonly commentsTable: ITable;
}

export class AppStack extends Stack {
  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);

    const httpApi = new HttpApi(this, 'HttpApi');
    new NotesApi(this, 'NotesApi', { httpApi, notesTable: props.notesTable, commentsTable: props.commentsTable });
  }
}
