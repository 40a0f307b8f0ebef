const { randomUUID } = require('crypto');

class SongStore {
  constructor() {
    this.songs = new Map();
  }

  get(id) {
    const song = this.songs.get(id);
    return song ? { id, ...song } : undefined;
  }

  add(name, artist) {
    const id = randomUUID();
    this.songs.set(id, { name, artist });
    return id;
  }

  save(song) {
    this.songs.set(song.id, song);
  }
}

module.exports = { SongStore };
