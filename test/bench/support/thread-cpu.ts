import { readdirSync, readFileSync } from 'node:fs';

/** CPU ticks (user + system, 1/100 s) of each thread of the processes a sync runs on, by part. */
export type ThreadCpu = Map<string, number>;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // The process or thread ended between the listing and the read.
    return undefined;
  }
}

function threads(pid: string): { tid: string; name: string; ticks: number }[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tids.flatMap((tid) => {
    const stat = read(`/proc/${pid}/task/${tid}/stat`);
    if (!stat) return [];
    // Fields 14 and 15 after the parenthesised name (which may hold spaces): utime and stime.
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return [{ tid, name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) }];
  });
}

/**
 * Every thread the sync uses, named by its part: the engine, the window's thread, each worker of
 * the window's renderer, the rest of that renderer (IndexedDB's value copies, IPC), Chromium's
 * browser process (IndexedDB's backend), its other processes, Dovecot, and this harness.
 */
export function threadCpu(enginePid: number): ThreadCpu {
  const parts: ThreadCpu = new Map();
  // BENCH_THREAD_DETAIL=1 names Chromium's other threads (V8's GC helpers, IPC, the backend's own).
  const detail = process.env.BENCH_THREAD_DETAIL ? (t: { name: string }) => `: ${t.name}` : () => '';
  const add = (part: string, ticks: number) => parts.set(part, (parts.get(part) ?? 0) + ticks);
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const comm = read(`/proc/${pid}/comm`)?.trim() ?? '';
    const cmdline = read(`/proc/${pid}/cmdline`) ?? '';
    if (Number(pid) === enginePid) for (const t of threads(pid)) add('engine', t.ticks);
    else if (Number(pid) === process.pid) for (const t of threads(pid)) add('bench harness', t.ticks);
    else if (comm === 'imap' || comm.startsWith('dovecot')) for (const t of threads(pid)) add('Dovecot', t.ticks);
    else if (comm === 'chromium' || cmdline.includes('/chromium')) {
      const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
      const list = threads(pid);
      // The window's renderer is the one running workers.
      if (type === 'renderer' && list.some((t) => t.name === 'DedicatedWorker')) {
        for (const t of list) add(t.tid === pid ? 'window thread' : t.name === 'DedicatedWorker' ? `worker ${t.tid}` : `window renderer, other threads${detail(t)}`, t.ticks);
      } else for (const t of list) add(type ? `chromium, other processes${detail({ name: `${type} ${t.name}` })}` : `chromium browser process (IndexedDB backend)${detail(t)}`, t.ticks);
    }
  }
  return parts;
}

/** CPU seconds each part used between two readings, largest first, and their sum. */
export function cpuBetween(before: ThreadCpu, after: ThreadCpu): { total: number; parts: [string, number][] } {
  const parts = [...after].map(([part, ticks]) => [part, (ticks - (before.get(part) ?? 0)) / 100] as [string, number]).filter(([, seconds]) => seconds > 0);
  parts.sort((a, b) => b[1] - a[1]);
  return { total: parts.reduce((sum, [, seconds]) => sum + seconds, 0), parts };
}
