import { randomUUID } from 'node:crypto'
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { db, scanAll, SONGS_TABLE_NAME } from './dynamodb.mjs'

  export class SongStore {
    async all(term) {
        // pairs of key and song, turned back into songs with their id
        return Array.from((await scanAll({ TableName: SONGS_TABLE_NAME })).map((item) => [item.id, item]))
            .map(([key, song]) => ({ id: key, ...song }))
            .filter((song) => !term || song.name.includes(term))
    }

    async add(song) {
        const songId = randomUUID()
        await db.send(new PutCommand({ TableName: SONGS_TABLE_NAME, Item: { ...song, id: songId } }))
        return songId
    }

    async replace(id, song) {
        await db.send(new PutCommand({ TableName: SONGS_TABLE_NAME, Item: { ...song, id: id } }))
    }

    async remove(id) {
        await db.send(new DeleteCommand({ TableName: SONGS_TABLE_NAME, Key: { id: id } }))
    }
}

export const store = new SongStore()
