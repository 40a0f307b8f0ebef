import * as path from 'node:path';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function';

const functionsDir = path.join(__dirname, '..', '..', 'functions');

export interface NotesApiProps {
  readonly httpApi: HttpApi;
}

export class NotesApi extends Construct {
  constructor(scope: Construct, id: string, props: NotesApiProps) {
    super(scope, id);

    const getNote = new ApiFunction(this, 'GetNote', {
      entry: path.join(functionsDir, 'get-note.ts'),
    });
    const listComments = new ApiFunction(this, 'ListComments', {
      entry: path.join(functionsDir, 'list-comments.ts'),
      environment: { PAGE_SIZE: '20' },
    });
    const addComment = new ApiFunction(this, 'AddComment', {
      entry: path.join(functionsDir, 'add-comment.ts'),
    });

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
