export const main = async () => ({ statusCode: 200, body: process.env.PRODUCTS_TABLE_NAME ?? '' });
