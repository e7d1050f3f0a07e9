import { describe, expect, it } from 'vitest';
import { activeContentKind, isProgramName } from '../../../app/domain/attachment-risk';
import { normaliseFileName } from '../../../app/domain/file-name';

// Issue 21, class 8: bidi and invisible characters disguised file names (invoice\u202Efdp.html listed
// as "invoice"+"lmth.pdf"). Rule: every shown, saved or opened name goes through the one normaliser
// (app/domain/file-name, shared with issue 18); the list shows the real type beside it.
// Class 7: what a browser would run is told by name, type and bytes alike.

describe('file names as shown, saved and opened', () => {
  it('lose every bidi control, isolate, mark and invisible character', () => {
    expect(normaliseFileName('invoice\u202Efdp.html')).toBe('invoicefdp.html');
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u200B', '\u2060', '\u00AD', '\uFEFF']) {
      expect(normaliseFileName(`re${control}port.pdf${control}.html`), JSON.stringify(control)).toBe('report.pdf.html');
    }
  });

  it('lose trailing dots and spaces, so the extension judged is the one the system uses', () => {
    expect(normaliseFileName('scan\u200b.pdf\u2060\u00ad .html.')).toBe('scan.pdf .html');
    expect(isProgramName('invoice.bat. ')).toBe(true);
  });

  it('tell active content by name, declared or sniffed type, and bytes', () => {
    expect(activeContentKind('invoice\u202Efdp.html', [])).toBe('html');
    expect(activeContentKind('attachment', ['text/html; charset=utf-8'])).toBe('html');
    expect(activeContentKind('logo.png', ['image/png', 'image/svg+xml'])).toBe('svg');
    expect(activeContentKind('archive.mht', ['application/octet-stream'])).toBe('mht');
    expect(activeContentKind('photo', ['application/octet-stream'], new TextEncoder().encode('  <!DOCTYPE html><p>x'))).toBe('html');
    expect(activeContentKind('report.pdf', ['application/pdf'], new TextEncoder().encode('%PDF-1.7'))).toBeUndefined();
  });
});
