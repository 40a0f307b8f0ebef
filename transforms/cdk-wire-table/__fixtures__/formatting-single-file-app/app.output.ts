import { App, CfnOutput, Stack, StackProps } from "aws-cdk-lib"
import { LambdaRestApi } from "aws-cdk-lib/aws-apigateway"
import * as lambda from "aws-cdk-lib/aws-lambda"
import { Construct } from "constructs"
import { DatabaseStack } from "./lib/database-stack"
import type { ITable } from "aws-cdk-lib/aws-dynamodb"

interface ShortenerStackProps extends StackProps {
	readonly linksTable: ITable
}

/* A URL shortener: one Lambda behind a proxy REST API. */
class ShortenerStack extends Stack {
	public readonly handler: lambda.Function

	constructor(scope: Construct, id: string, props: ShortenerStackProps) {
		super(scope, id, props)

		this.handler = new lambda.Function(this, "Shortener", {
			runtime: lambda.Runtime.NODEJS_24_X,
			code: lambda.Code.fromAsset("lambda"),
			handler: "shortener.handler",
			environment: { LINKS_TABLE: props.linksTable.tableName }
		})
		props.linksTable.grant(this.handler, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")

		const api = new LambdaRestApi(this, "Api", { handler: this.handler })
		new CfnOutput(this, "Url", { value: api.url })
	}
}

const app = new App()
const database = new DatabaseStack(app, "DatabaseStack", { env: { region: "eu-west-1" } })
new ShortenerStack(app, "ShortenerStack", { env: { region: "eu-west-1" }, linksTable: database.linksTable })
