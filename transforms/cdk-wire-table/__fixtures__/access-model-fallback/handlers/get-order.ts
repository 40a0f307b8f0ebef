export const handler = async () => ({ statusCode: 200, body: process.env.ORDERS_TABLE_NAME ?? '' });
