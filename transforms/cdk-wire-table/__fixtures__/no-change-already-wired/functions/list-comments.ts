export async function handler(event: { rawPath: string }) {
  return { statusCode: 200, body: JSON.stringify({ handler: 'list-comments', notes: process.env.NOTES_TABLE_NAME, comments: process.env.COMMENTS_TABLE_NAME, path: event.rawPath }) };
}
