import { randomUUID } from 'node:crypto'

  export class SongStore {
    #songs = new Map()

    all(term) {
        // pairs of key and song, turned back into songs with their id
        return Array.from(this.#songs.entries())
            .map(([key, song]) => ({ id: key, ...song }))
            .filter((song) => !term || song.name.includes(term))
    }

    add(song) {
        const songId = randomUUID()
        this.#songs.set(songId, song)
        return songId
    }

    replace(id, song) {
        this.#songs.set(id, song)
    }

    remove(id) {
        this.#songs.delete(id)
    }
}

export const store = new SongStore()
