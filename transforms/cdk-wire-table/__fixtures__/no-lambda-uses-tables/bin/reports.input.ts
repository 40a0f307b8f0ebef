#!/usr/bin/env node
import 'source-map-support/register';
import * as cdk from 'aws-cdk-lib';
import { ReportsStack } from '../lib/reports-stack';

const app = new cdk.App();
new ReportsStack(app, 'ReportsStack', { env: { region: 'us-east-1' } });
