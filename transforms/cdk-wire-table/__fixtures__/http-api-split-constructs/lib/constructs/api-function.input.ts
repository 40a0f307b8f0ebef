import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export interface ApiFunctionProps {
  /** Path of the handler module. */
  readonly entry: string;
  readonly environment?: Record<string, string>;
}

/** A Node.js Lambda with the team's defaults. */
export class ApiFunction extends Construct {
  public readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: Duration.seconds(5),
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    });
  }
}
