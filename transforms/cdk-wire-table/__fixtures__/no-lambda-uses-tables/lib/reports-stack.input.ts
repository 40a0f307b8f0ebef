import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** Storage for report files; the reports server itself runs elsewhere. */
export class ReportsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'ReportFiles');
    const cleanup = new nodejs.NodejsFunction(this, 'Cleanup', {
      entry: path.join(__dirname, '../jobs/cleanup.ts'),
      environment: { BUCKET: bucket.bucketName },
    });
    bucket.grantDelete(cleanup);
    new events.Rule(this, 'Nightly', {
      schedule: events.Schedule.cron({ hour: '3', minute: '0' }),
      targets: [new targets.LambdaFunction(cleanup)],
    });
  }
}
