import { isRequestName, requests, type RequestName, type RequestOutput, type ValidInput } from '../../app/contract';
import { PostboteError } from '../../app/errors';
import type { WireResult } from '../../app/wire';
import { logger } from '../log';

export type Handler<N extends RequestName> = (input: ValidInput<N>) => Promise<RequestOutput<N>>;
export type Handlers = { [N in RequestName]: Handler<N> };

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The app's API implemented once, for every transport. The renderer is untrusted: the request
 * name and input are checked against app/'s schemas before any handler sees them, and every
 * failure leaves as a typed error, never as a thrown exception or a stack trace.
 */
export class Service {
  constructor(private readonly handlers: Handlers) {}

  async handle(name: unknown, input: unknown): Promise<WireResult> {
    if (!isRequestName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_REQUEST', message: `There is no request called ${typeof name === 'string' ? JSON.stringify(name).slice(0, 80) : `(a ${typeof name})`}.` } };
    }
    const parsed = requests[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `The request ${name} was not valid: ${describeIssues(parsed.error.issues)}`,
          details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
        },
      };
    }
    try {
      const handler = this.handlers[name] as Handler<RequestName>;
      const value = await handler(parsed.data as ValidInput<RequestName>);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof PostboteError) return { ok: false, error: error.toInfo() };
      // Never echo the input: it may hold passwords.
      logger.error(`request ${name} failed unexpectedly`, error);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Postbote. The details are in the log.' } };
    }
  }
}
