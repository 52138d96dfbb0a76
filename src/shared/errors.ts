/** Closed set of error codes shared by the daemon, the wire protocol and the CLI. */
export const ErrorCode = {
  BadFrame: 'bad_frame',
  FrameTooLarge: 'frame_too_large',
  Unauthorized: 'unauthorized',
  /** The caller's role lacks the permission the request needs; the message names it. */
  Forbidden: 'forbidden',
  HandshakeRequired: 'handshake_required',
  VersionMismatch: 'version_mismatch',
  UnknownMethod: 'unknown_method',
  InvalidParams: 'invalid_params',
  NotFound: 'not_found',
  Conflict: 'conflict',
  OutOfScope: 'out_of_scope',
  Busy: 'busy',
  ConfigInvalid: 'config_invalid',
  DataDirLocked: 'data_dir_locked',
  StoreCorrupt: 'store_corrupt',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/** An error that carries a stable code, so callers branch on the code and never on the message. */
export class SocdeckError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'SocdeckError';
    this.code = code;
    this.details = details;
  }
}

export function isSocdeckError(err: unknown): err is SocdeckError {
  return err instanceof SocdeckError;
}
