export const handler = async (event: { pathParameters?: Record<string, string> }) => ({
  statusCode: 200,
  body: JSON.stringify({ handler: 'health', table: process.env.BOOKMARKS_TABLE_NAME ?? null, params: event.pathParameters ?? {} }),
});
