// createNote: reads the table name from NOTES_TABLE_NAME (set by the stack).
exports.handler = async (event) => {
  return { statusCode: 200, body: JSON.stringify({ handler: 'createNote', table: process.env.NOTES_TABLE_NAME, path: event.path }) };
};
