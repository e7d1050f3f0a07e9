import { PostboteError, type ErrorInfo } from '../../app/errors';

/** Whatever was thrown, as the ErrorInfo the error notice shows. */
export function asErrorInfo(caught: unknown): ErrorInfo {
  return caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: caught instanceof Error ? caught.message : String(caught) };
}
