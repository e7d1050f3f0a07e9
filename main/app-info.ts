import type { AppInfo } from '../app/contract';
import pkg from '../package.json';

export function appInfo(mode: AppInfo['mode'], extraVersions: Partial<AppInfo['versions']> = {}): AppInfo {
  return {
    name: 'Postbote',
    version: pkg.version,
    mode,
    platform: process.platform,
    versions: { node: process.versions.node, ...extraVersions },
  };
}
