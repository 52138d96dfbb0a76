import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * lowdb adapter that makes a checkpoint durable: temp file, fsync, rename, fsync of the folder.
 * lowdb's stock JSONFile renames atomically but never fsyncs, and the journal segments a
 * checkpoint replaces are deleted right after it is written.
 */
export class FsyncJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async write(data: T): Promise<void> {
    // Serialise before the first await: the caller's state keeps changing while we write.
    const text = JSON.stringify(data);
    const tmp = join(dirname(this.file), `.${basename(this.file)}.tmp`);
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.file);
    const dirFd = openSync(dirname(this.file), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
