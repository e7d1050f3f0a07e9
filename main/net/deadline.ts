import { PostboteError } from '../../app/errors';

/** Rejects with a TIMEOUT error when the promise has not settled in time; runs onTimeout to tear down. */
export function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(
        new PostboteError({
          code: 'TIMEOUT',
          message: `The server did not answer within ${Math.round(ms / 1000)} seconds (${what}).`,
        }),
      );
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
