// One Lambda for every route of the HTTP API (API Gateway v2 payload).
interface HttpEvent {
  routeKey: string;
  body?: string;
}

export const handler = async (event: HttpEvent) => {
  const tables = { todos: process.env.TODOS_TABLE_NAME, users: process.env.USERS_TABLE_NAME };
  return { statusCode: 200, body: JSON.stringify({ route: event.routeKey, tables }) };
};
