import { randomBytes } from 'node:crypto';
import { isSocdeckError, type ErrorCode } from '../../shared/errors.js';
import type { Logger } from '../logger.js';

/** What a client is told about a failed request: a code, a message it may show, maybe details. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** File-system failures a caller can act on: said as a code and the path the caller gave, nothing else. */
const ERRNO: Record<string, { code: ErrorCode; says: string }> = {
  ENOENT: { code: 'not_found', says: 'no such file or directory' },
  ENOTDIR: { code: 'not_found', says: 'a part of the path is not a directory' },
  EISDIR: { code: 'invalid_params', says: 'is a directory, a file was expected' },
  EACCES: { code: 'forbidden', says: 'the daemon may not read it' },
  EPERM: { code: 'forbidden', says: 'the daemon may not read it' },
};

/**
 * Turns anything a handler threw into what may cross the wire. Typed errors pass as they are;
 * a file-system error becomes its code with the path; anything else is `internal` with a fresh
 * id, and only the daemon log gets the stack (under that id), since messages of untyped errors
 * may quote file content or internals.
 */
export function wireError(err: unknown, where: string, log: Logger): WireError {
  if (isSocdeckError(err)) return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  const errno = err as NodeJS.ErrnoException | undefined;
  const known = typeof errno?.code === 'string' ? ERRNO[errno.code] : undefined;
  if (known && typeof errno?.path === 'string') return { code: known.code, message: `${errno.path}: ${known.says}`, details: { path: errno.path } };
  const errorId = randomBytes(6).toString('hex');
  log.error('internal error', { where, errorId, error: err instanceof Error ? err.stack : String(err) });
  return { code: 'internal', message: `internal error in ${where} (error id ${errorId}; the daemon log has the details)`, details: { errorId } };
}
