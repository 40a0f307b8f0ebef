import * as path from 'node:path';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

const functionsDir = path.join(__dirname, '..', '..', 'functions');

export interface NotesApiProps {
  readonly httpApi: HttpApi;
  readonly notesTable: ITable;
  readonly commentsTable: ITable;
}

export class NotesApi extends Construct {
  constructor(scope: Construct, id: string, props: NotesApiProps) {
    super(scope, id);

    const getNote = new ApiFunction(this, 'GetNote', {
      entry: path.join(functionsDir, 'get-note.ts'),
      environment: { NOTES_TABLE_NAME: props.notesTable.tableName },
    });
    props.notesTable.grant(getNote.fn, 'dynamodb:GetItem');
    const listComments = new ApiFunction(this, 'ListComments', {
      entry: path.join(functionsDir, 'list-comments.ts'),
      environment: { PAGE_SIZE: '20', COMMENTS_TABLE_NAME: props.commentsTable.tableName },
    });
    props.commentsTable.grant(listComments.fn, 'dynamodb:Query');
    const addComment = new ApiFunction(this, 'AddComment', {
      entry: path.join(functionsDir, 'add-comment.ts'),
      environment: { NOTES_TABLE_NAME: props.notesTable.tableName, COMMENTS_TABLE_NAME: props.commentsTable.tableName },
    });
    props.notesTable.grant(addComment.fn, 'dynamodb:GetItem');
    addComment.fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.commentsTable.tableArn] }));

    props.httpApi.addRoutes({
      path: '/notes/{id}',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('GetNoteIntegration', getNote.fn),
    });
    props.httpApi.addRoutes({
      path: '/notes/{id}/comments',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('ListCommentsIntegration', listComments.fn),
    });
    props.httpApi.addRoutes({
      path: '/notes/{id}/comments',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('AddCommentIntegration', addComment.fn),
    });
  }
}
