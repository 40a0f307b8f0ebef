const { randomUUID } = require('crypto');
const { GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, SONGS_TABLE_NAME } = require('./dynamodb');

class SongStore {
  async get(id) {
    const { Item: song } = await db.send(new GetCommand({ TableName: SONGS_TABLE_NAME, Key: { id: id }, ConsistentRead: true }));
    return song ? { id, ...song } : undefined;
  }

  async add(name, artist) {
    const id = randomUUID();
    await db.send(new PutCommand({ TableName: SONGS_TABLE_NAME, Item: { name, artist, id: id } }));
    return id;
  }

  async save(song) {
    await db.send(new PutCommand({ TableName: SONGS_TABLE_NAME, Item: song }));
  }
}

module.exports = { SongStore };
