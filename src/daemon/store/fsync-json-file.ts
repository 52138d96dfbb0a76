import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { SocdeckError } from '../../shared/errors.js';

export const CHECKPOINT_FILE = 'checkpoint.json';

/** Where a checkpoint is written before its rename. */
export function tempFileOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp`);
}

/**
 * lowdb adapter that makes a checkpoint durable: temp file, fsync, rename, fsync of the folder.
 * lowdb's stock JSONFile renames atomically but never fsyncs, and the journal segments a
 * checkpoint replaces are deleted right after it is written.
 */
export class FsyncJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      // The parser's message quotes the file's text; the error names the file and its size only.
      throw new SocdeckError('store_corrupt', `checkpoint ${this.file} is damaged: not valid JSON (${text.length} bytes, cut short or overwritten); restore it from a backup`, { file: this.file });
    }
  }

  async write(data: T): Promise<void> {
    // Serialise before the first await: the caller's state keeps changing while we write.
    const text = JSON.stringify(data);
    const tmp = tempFileOf(this.file);
    // A process that exits mid-write (the stop deadline's process.exit) leaves no temp file behind.
    const dropTemp = () => rmSync(tmp, { force: true });
    process.once('exit', dropTemp);
    try {
      const fh = await open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(text, 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.file);
    } finally {
      process.off('exit', dropTemp);
    }
    const dirFd = openSync(dirname(this.file), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
