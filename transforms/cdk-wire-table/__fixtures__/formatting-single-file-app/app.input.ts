import { App, CfnOutput, Stack, StackProps } from "aws-cdk-lib"
import { LambdaRestApi } from "aws-cdk-lib/aws-apigateway"
import * as lambda from "aws-cdk-lib/aws-lambda"
import { Construct } from "constructs"

/* A URL shortener: one Lambda behind a proxy REST API. */
class ShortenerStack extends Stack {
	public readonly handler: lambda.Function

	constructor(scope: Construct, id: string, props?: StackProps) {
		super(scope, id, props)

		this.handler = new lambda.Function(this, "Shortener", {
			runtime: lambda.Runtime.NODEJS_24_X,
			code: lambda.Code.fromAsset("lambda"),
			handler: "shortener.handler"
		})

		const api = new LambdaRestApi(this, "Api", { handler: this.handler })
		new CfnOutput(this, "Url", { value: api.url })
	}
}

const app = new App()
new ShortenerStack(app, "ShortenerStack", { env: { region: "eu-west-1" } })
