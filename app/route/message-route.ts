import { headerFields } from './header-fields';
import { parseReceived, type Hop } from './received';

export interface RouteStep extends Hop {
  /** ms since the previous hop; negative means the clocks disagree. */
  delayMs?: number;
}

export interface AuthResult {
  method: string;
  result: string;
  detail: string;
}

export interface MessageRoute {
  /** Oldest hop first: the way the message travelled. */
  hops: RouteStep[];
  returnPath?: string;
  authentication: { server: string; results: AuthResult[] }[];
  /** X- headers, grouped apart because they are informational only. */
  xHeaders: { name: string; value: string }[];
  warnings: string[];
  dateHeader?: number;
}

/** A hop that is earlier than the one before it by more than this is a clock problem, not network jitter. */
const SKEW_TOLERANCE_MS = 60_000;

function authenticationResults(value: string): { server: string; results: AuthResult[] } {
  const [server = '', ...parts] = value.split(';').map((p) => p.trim());
  const results = parts.flatMap((part) => {
    const match = /^([a-z0-9-]+)\s*=\s*([a-z]+)\b\s*(.*)$/i.exec(part);
    return match ? [{ method: match[1]!.toLowerCase(), result: match[2]!.toLowerCase(), detail: match[3]!.trim() }] : [];
  });
  return { server: server.split(/\s+/)[0] ?? server, results };
}

/** The route a message took, from its header block (a raw source works too: the body is ignored). */
export function messageRoute(source: string): MessageRoute {
  const fields = headerFields(source);
  const named = (name: string) => fields.filter((f) => f.name.toLowerCase() === name);
  // Each server adds its Received on top, so the last one is the first hop.
  const hops: RouteStep[] = named('received').map((f) => parseReceived(f.value)).reverse();
  const warnings: string[] = [];
  for (let i = 1; i < hops.length; i++) {
    const [before, now] = [hops[i - 1]!, hops[i]!];
    if (before.time === undefined || now.time === undefined) continue;
    now.delayMs = now.time - before.time;
    if (now.delayMs < -SKEW_TOLERANCE_MS) {
      warnings.push(`${now.by ?? 'A server'} stamped the message ${Math.round(-now.delayMs / 1000)} s before ${before.by ?? 'the previous server'} did: one of their clocks is wrong.`);
    }
  }
  const route: MessageRoute = {
    hops,
    authentication: named('authentication-results').map((f) => authenticationResults(f.value)),
    xHeaders: fields.filter((f) => /^x-/i.test(f.name)),
    warnings,
  };
  const returnPath = named('return-path')[0]?.value.replace(/^<|>$/g, '');
  if (returnPath !== undefined) route.returnPath = returnPath;
  const date = Date.parse(named('date')[0]?.value ?? '');
  if (Number.isFinite(date)) {
    route.dateHeader = date;
    const first = hops[0]?.time;
    if (first !== undefined && date - first > SKEW_TOLERANCE_MS * 5) {
      warnings.push(`The sender's Date header is ${Math.round((date - first) / 60_000)} minutes after the first server received it: the sender's clock is probably wrong.`);
    }
  }
  return route;
}
