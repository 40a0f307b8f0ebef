exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ table: process.env.LINKS_TABLE, path: event.path }) })
