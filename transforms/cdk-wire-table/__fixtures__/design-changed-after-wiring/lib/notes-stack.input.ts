import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as path from 'path';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

export interface NotesStackProps extends cdk.StackProps {
  readonly notesTable: ITable;
}

export class NotesStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: NotesStackProps) {
    super(scope, id, props);

    const code = lambda.Code.fromAsset(path.join(__dirname, '../lambda'));

    const listNotesFunction = new lambda.Function(this, 'ListNotesFunction', {
      runtime: lambda.Runtime.NODEJS_24_X,
      code,
      handler: 'listNotes.handler',
      environment: { NOTES_TABLE_NAME: props.notesTable.tableName },
    });
    props.notesTable.grant(listNotesFunction, 'dynamodb:Query');

    const getNoteFunction = new lambda.Function(this, 'GetNoteFunction', {
      runtime: lambda.Runtime.NODEJS_24_X,
      code,
      handler: 'getNote.handler',
      environment: {
        LOG_LEVEL: 'info',
        NOTES_TABLE_NAME: props.notesTable.tableName,
      },
    });
    getNoteFunction.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [props.notesTable.tableArn] }));

    const createNoteFunction = new lambda.Function(this, 'CreateNoteFunction', {
      runtime: lambda.Runtime.NODEJS_24_X,
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda')),
      handler: 'createNote.handler',
      timeout: cdk.Duration.seconds(10),
      environment: { NOTES_TABLE_NAME: props.notesTable.tableName },
    });
    createNoteFunction.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.notesTable.tableArn] }));

    const deleteNoteFunction = new lambda.Function(this, 'DeleteNoteFunction', {
      runtime: lambda.Runtime.NODEJS_24_X,
      code,
      handler: 'deleteNote.handler',
      environment: { LOG_LEVEL: 'info', NOTES_TABLE_NAME: props.notesTable.tableName }, // same level everywhere
    });
    deleteNoteFunction.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:DeleteItem'], resources: [props.notesTable.tableArn] }));

    // Health check: inline code, no table.
    const healthFunction = new lambda.Function(this, 'HealthFunction', {
      runtime: lambda.Runtime.NODEJS_24_X,
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
      handler: 'index.handler',
    });

    const api = new apigateway.RestApi(this, 'NotesApi', { restApiName: 'Notes Service' });
    const notes = api.root.addResource('notes');
    notes.addMethod('GET', new apigateway.LambdaIntegration(listNotesFunction));
    notes.addMethod('POST', new apigateway.LambdaIntegration(createNoteFunction));
    const note = notes.addResource('{id}');
    note.addMethod('GET', new apigateway.LambdaIntegration(getNoteFunction));
    note.addMethod('DELETE', new apigateway.LambdaIntegration(deleteNoteFunction));
    api.root.addResource('health').addMethod('GET', new apigateway.LambdaIntegration(healthFunction));

    new cdk.CfnOutput(this, 'ApiUrl', { value: api.url });
  }
}
