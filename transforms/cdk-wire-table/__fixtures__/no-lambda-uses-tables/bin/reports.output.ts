#!/usr/bin/env node
import 'source-map-support/register';
import * as cdk from 'aws-cdk-lib';
import { ReportsStack } from '../lib/reports-stack';
import { DatabaseStack } from '../lib/database-stack';

const app = new cdk.App();
new DatabaseStack(app, 'DatabaseStack', { env: { region: 'us-east-1' } });
new ReportsStack(app, 'ReportsStack', { env: { region: 'us-east-1' } });
