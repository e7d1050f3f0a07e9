/**
 * Tracking pixels: remote images nobody is meant to see, there to report that (and when, and
 * where) a mail was opened. Tiny or hidden images, and addresses of known open-tracking services.
 */
export interface ImageHints {
  url: string;
  width?: string | null;
  height?: string | null;
  style?: string | null;
}

const TRACKER_HOSTS = [
  'list-manage.com', 'mailchimp.com', 'sendgrid.net', 'mandrillapp.com', 'mailgun.org', 'exct.net', 'exacttarget.com', 'hubspotemail.net', 'hs-analytics.net',
  'doubleclick.net', 'google-analytics.com', 'mixpanel.com', 'klaviyo.com', 'sparkpostmail.com', 'mktomail.com', 'pardot.com', 'returnpath.net', 'litmus.com', 'emltrk.com',
  'mailtrack.io', 'yesware.com', 'bananatag.com', 'streak.com', 'getnotify.com', 'cmail19.com', 'cmail20.com', 'createsend.com', 'sendibt2.com', 'sendinblue.com', 'convertkit-mail.com',
];
const TRACKER_PATHS = /(^|[/._-])(open|opened|track|tracking|pixel|beacon|trk|spacer|1x1|blank|wf\/open|e\/o|o\.gif|imp|impression)([/._?=-]|$)/i;

function pixels(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/i.exec(value);
  return match ? Number(match[1]) : undefined;
}

function styleValue(style: string, property: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, 'i').exec(style);
  return match?.[1]?.trim();
}

export function isTrackingPixel({ url, width, height, style }: ImageHints): boolean {
  const css = style ?? '';
  const w = pixels(width) ?? pixels(styleValue(css, 'width'));
  const h = pixels(height) ?? pixels(styleValue(css, 'height'));
  if ((w !== undefined && w <= 3) || (h !== undefined && h <= 3)) return true;
  if (/^none$/i.test(styleValue(css, 'display') ?? '') || /^hidden$/i.test(styleValue(css, 'visibility') ?? '') || Number(styleValue(css, 'opacity') ?? 1) === 0) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  if (TRACKER_HOSTS.some((known) => host === known || host.endsWith(`.${known}`))) return true;
  return TRACKER_PATHS.test(parsed.pathname);
}
