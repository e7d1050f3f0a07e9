import { describe, expect, it } from 'vitest';
import { findingsFromCsv, judge, parseCsv } from '../../../scripts/security-gate.mjs';

const CSV = `issue, severity, confidence, filename, location, sample, description, url
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/electron/window.ts.js","3:22","new BrowserWindow({ a: ""b"", c })","Review the use of the contextIsolation option",https://x
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","main/electron/desktop-shell.ts.js","12:27","shell.openExternal(url)","Review the use of openExternal",https://x
AUXCLICK_JS_CHECK,"LOW","FIRM","main/electron/window.ts.js","1:1","x","y",https://x
`;

describe('security gate verdict', () => {
  it('reads electronegativity’s CSV with quotes and escaped quotes', () => {
    expect(parseCsv('a,"b,""c"""\n1,2\n')).toEqual([
      ['a', 'b,"c"'],
      ['1', '2'],
    ]);
    const findings = findingsFromCsv(CSV);
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({ check: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', sample: 'new BrowserWindow({ a: "b", c })' });
  });

  it('fails on HIGH and MEDIUM findings outside the allow-list, and demands a reason per entry', () => {
    const findings = findingsFromCsv(CSV);
    expect(judge(findings, []).blocking.map((f: { check: string }) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']);
    const allow = [{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/electron/desktop-shell.ts.js', reason: 'reviewed: URL normalised first' }];
    expect(judge(findings, allow).blocking).toHaveLength(1);
    expect(judge([], allow).stale).toEqual(allow);
    expect(() => judge(findings, [{ check: 'X', file: 'y' } as never])).toThrow('reason');
  });
});
