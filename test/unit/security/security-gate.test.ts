import { describe, expect, it } from 'vitest';
import { judge } from '../../../scripts/security-gate.mjs';

const finding = (check: string, severity: string, file: string) => ({ check, severity, confidence: 'FIRM', file, location: '1:1', sample: 'x', description: 'y' });
const FINDINGS = [
  finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'main/electron/window.ts.js'),
  finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'main/electron/desktop-shell.ts.js'),
  finding('AUXCLICK_JS_CHECK', 'LOW', 'main/electron/window.ts.js'),
];

describe('security gate verdict', () => {
  it('fails on HIGH and MEDIUM findings outside the allow-list, and demands a reason per entry', () => {
    const findings = FINDINGS;
    expect(judge(findings, []).blocking.map((f: { check: string }) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']);
    const allow = [{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/electron/desktop-shell.ts.js', reason: 'reviewed: URL normalised first' }];
    expect(judge(findings, allow).blocking).toHaveLength(1);
    expect(judge([], allow).stale).toEqual(allow);
    expect(() => judge(findings, [{ check: 'X', file: 'y' } as never])).toThrow('reason');
  });
});
