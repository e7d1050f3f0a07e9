import { request, event } from './define';
import { EmptySchema } from './schemas';

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' in the desktop window, 'browser' when served by the loopback bridge. */
  mode: 'electron' | 'browser';
  platform: string;
  versions: { node: string; electron?: string; chrome?: string };
}

export interface ProgressEvent {
  /** Identifies the long operation, e.g. "sync:<account>:<folder>". */
  operation: string;
  label: string;
  done: number;
  total: number;
}

export const appRequests = {
  'app.info': request<AppInfo>()(EmptySchema),
};

export const appEvents = {
  progress: event<ProgressEvent>(),
};
