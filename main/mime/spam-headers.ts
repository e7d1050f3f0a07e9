import type { SpamReport } from '../../app/contract/message';
import type { HeaderFields } from './header-block';

/**
 * The spam verdict a filter on the way wrote into the message. Each filter puts its header on top
 * of what came before, so only the topmost of each name is read: a copy further down arrived with
 * the message. Unreadable values are ignored, never guessed.
 *
 * Hand-written: the formats are one line each and no maintained package reads them.
 */
export function spamReport(fields: HeaderFields): SpamReport | undefined {
  const first = (name: string) => fields.get(name)?.[0]?.replace(/\s+/g, ' ').trim();
  return rspamd(first('x-spamd-result')) ?? spamAssassin(first('x-spam-status'), first('x-spam-flag'), first('x-spam-score'));
}

/** A number a filter could have written: finite and of sensible size (scores are tens, not millions). */
function score(text: string | undefined): number | undefined {
  if (text === undefined || !/^[-+]?\d{1,5}(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** rspamd: `default: True [16.20 / 15.00]; RULE(1.0)[…]; …` — True means the action was not "no action". */
function rspamd(value: string | undefined): SpamReport | undefined {
  const match = /^\s*default\s*:\s*(true|false)\s*\[\s*([-+]?[\d.]+)\s*\/\s*([-+]?[\d.]+)\s*\]/i.exec(value ?? '');
  if (!match) return undefined;
  return withNumbers({ spam: match[1]!.toLowerCase() === 'true', source: 'x-spamd-result' }, score(match[2]), score(match[3]));
}

/** SpamAssassin: `X-Spam-Status: Yes, score=7.3 required=5.0 tests=…`, `X-Spam-Flag: YES`, `X-Spam-Score: 7.3`. */
function spamAssassin(status: string | undefined, flag: string | undefined, scoreHeader: string | undefined): SpamReport | undefined {
  const verdict = /^(yes|no)\b/i.exec(status ?? '');
  if (verdict) {
    const points = /\b(?:score|hits)=([-+]?[\d.]+)/i.exec(status!)?.[1];
    const required = /\brequired=([-+]?[\d.]+)/i.exec(status!)?.[1];
    return withNumbers({ spam: verdict[1]!.toLowerCase() === 'yes', source: 'x-spam-status' }, score(points), score(required));
  }
  const flagged = /^(yes|no)$/i.exec(flag ?? '');
  if (flagged) return withNumbers({ spam: flagged[1]!.toLowerCase() === 'yes', source: 'x-spam-flag' }, score(scoreHeader), undefined);
  const points = score(scoreHeader);
  return points === undefined ? undefined : { score: points, source: 'x-spam-score' };
}

function withNumbers(report: SpamReport, points: number | undefined, threshold: number | undefined): SpamReport {
  if (points !== undefined) report.score = points;
  if (threshold !== undefined) report.threshold = threshold;
  return report;
}
