"use strict";

const { GetCommand } = require("@aws-sdk/lib-dynamodb");
const { db: dynamoDb, NOTES_TABLE_NAME } = require("./dynamodb");

function noteRow(item) {
    // a Note item as the SQLite row this code expects: every column (null when absent)
    return item && {
        id: item.id,
        title: item.title,
    };
}

// A file opening with a directive keeps it as written (one semicolon, its blank line).
async function getNote(id) {
    return noteRow(
        (await dynamoDb.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }))).Item
    );
}

module.exports = { getNote };
