import { scrub } from '../../notify/secrets.js';

/** How a failed call is treated: retried, reported as a permission the account lacks, or an outage. */
export const ApiErrorKind = { Throttled: 'throttled', Denied: 'denied', Outage: 'outage', Invalid: 'invalid' } as const;
export type ApiErrorKind = (typeof ApiErrorKind)[keyof typeof ApiErrorKind];

/** A Tencent Cloud API error with its documented code (`AuthFailure.SignatureFailure`, ...). */
export class TencentApiError extends Error {
  constructor(
    readonly product: string,
    readonly action: string,
    readonly code: string,
    message: string,
    readonly kind: ApiErrorKind,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'TencentApiError';
  }

  get retryable(): boolean {
    return this.kind === ApiErrorKind.Throttled || this.kind === ApiErrorKind.Outage;
  }

  /** The CAM action a policy must allow, e.g. `cwp:DescribeMalWareList`. */
  get permission(): string {
    return `${this.product}:${this.action}`;
  }
}

function kindOf(code: string, httpCode: number | undefined): ApiErrorKind {
  if (code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.')) return ApiErrorKind.Throttled;
  if (code.startsWith('AuthFailure') || code.startsWith('UnauthorizedOperation') || code === 'OperationDenied.AccessDenied' || code === 'AccessDenied') return ApiErrorKind.Denied;
  if (code === 'InternalError' || code.startsWith('InternalError.') || code === 'ResourceUnavailable' || (httpCode !== undefined && httpCode >= 500) || code === '') return ApiErrorKind.Outage;
  return ApiErrorKind.Invalid;
}

/** The SDK's exception (code, requestId, httpCode) or a network error, as a TencentApiError. */
export function toApiError(err: unknown, product: string, action: string, secrets: readonly string[]): TencentApiError {
  const e = err as { code?: unknown; requestId?: unknown; httpCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const httpCode = typeof e.httpCode === 'number' ? e.httpCode : undefined;
  const message = scrub(typeof e.message === 'string' ? e.message : String(err), secrets);
  const requestId = typeof e.requestId === 'string' && e.requestId ? e.requestId : undefined;
  return new TencentApiError(product, action, code || (httpCode ? `HTTP ${httpCode}` : 'NetworkError'), message, kindOf(code, httpCode), requestId);
}
