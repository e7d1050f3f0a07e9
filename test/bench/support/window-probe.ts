import type { BrowserContext, Page } from 'playwright-core';

/**
 * What the user feels of the window while and after a sync, measured inside the page: long tasks
 * (PerformanceObserver 'longtask', collected from the first script on), the time from a click on
 * the Inbox until its newest rows are painted, the time a jump to the middle of the list takes
 * until those rows are painted, and the renderer's JS heap after a garbage collection.
 */

/** Installed before any page script runs, so the app's own start is observed too. */
export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(`
    window.__benchLongTasks = [];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__benchLongTasks.push({ at: Date.now() - (performance.now() - entry.startTime), duration: entry.duration }); })
      .observe({ type: 'longtask', buffered: true });
    window.__benchFrames = [];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__benchFrames.push({ at: Date.now() - (performance.now() - entry.startTime), duration: entry.duration, render: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0, scripts: entry.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName + ' ' + s.sourceURL.split('/').pop() + '@' + s.sourceCharPosition, duration: Math.round(s.duration), layout: Math.round(s.forcedStyleAndLayoutDuration) })) }); })
      .observe({ type: 'long-animation-frame', buffered: true });
  `);
}

/**
 * With BENCH_FRAMES=1, prints the long animation frames between two wall-clock times with the
 * scripts that ran in them (the Long Animation Frames API names each callback), so a long task is
 * found without a profiler on the thread.
 */
export async function printLongFrames(page: Page, from: number, to: number): Promise<void> {
  if (!process.env.BENCH_FRAMES) return;
  const frames = (await page.evaluate('window.__benchFrames')) as { at: number; duration: number; render: number; scripts: { invoker: string; fn: string; duration: number; layout: number }[] }[];
  for (const frame of frames.filter((f) => f.at >= from && f.at <= to && f.duration > 50)) {
    console.error(`long frame ${Math.round(frame.duration)} ms at +${frame.at - from} ms, render ${Math.round(frame.render)} ms: ${frame.scripts.map((s) => `${s.invoker} ${s.fn} ${s.duration} ms (layout ${s.layout})`).join('; ')}`);
  }
}

/** Long tasks that started between two wall-clock times (ms). */
export async function longTasks(page: Page, from: number, to: number): Promise<{ count: number; longest: number; total: number }> {
  const all = (await page.evaluate('window.__benchLongTasks')) as { at: number; duration: number }[];
  const inside = all.filter((task) => task.at >= from && task.at <= to);
  return { count: inside.length, longest: Math.max(0, ...inside.map((task) => task.duration)), total: inside.reduce((sum, task) => sum + task.duration, 0) };
}

/**
 * Runs in the page: every virtual row of the list shows a message (no placeholder), and the first
 * painted row's UID satisfies `firstUid`. Resolves at the first animation frame where that holds.
 */
const paintedWhen = (firstUid: string) => `() => new Promise((resolve, reject) => {
  const started = performance.now();
  const ready = () => {
    const rows = document.querySelectorAll('.message-list .virtual-row');
    if (!rows.length || document.querySelector('.message-list .message-row.placeholder')) return false;
    const first = document.querySelector('.message-list .message-row[data-message-id]');
    const uid = first ? Number(first.dataset.messageId.slice(first.dataset.messageId.lastIndexOf('/') + 1)) : NaN;
    return (${firstUid})(uid);
  };
  const tick = () => {
    if (ready()) return resolve(performance.now() - started);
    if (performance.now() - started > 600000) return reject(new Error('rows never painted'));
    requestAnimationFrame(tick);
  };
  tick();
})`;

/** Clicks the Inbox in the folder tree and waits until the newest message heads the painted rows. */
export async function clickInboxUntilNewestPainted(page: Page, newestUid: number): Promise<{ clickedAt: number; ms: number }> {
  await page.waitForSelector('.folder[data-path="INBOX"]', { timeout: 120_000 });
  const clickedAt = Date.now();
  const ms = (await page.evaluate(`(() => {
    const wait = (${paintedWhen(`(uid) => uid === ${newestUid}`)});
    document.querySelector('.folder[data-path="INBOX"]').click();
    return wait();
  })()`)) as number;
  return { clickedAt, ms };
}

/** Another folder first, then the Inbox again: opening a folder whose headers are all cached. */
export async function reopenInbox(page: Page, otherPath: string, newestUid: number): Promise<number> {
  await page.click(`.folder[data-path="${otherPath}"]`);
  await page.waitForFunction(`!document.querySelector('.message-list .message-row[data-message-id*="/INBOX/"]')`);
  return (await page.evaluate(`(() => {
    const wait = (${paintedWhen(`(uid) => uid === ${newestUid}`)});
    document.querySelector('.folder[data-path="INBOX"]').click();
    return wait();
  })()`)) as number;
}

/** Scrolls the list to its middle at once and waits for the rows there to be painted. */
export async function jumpToMiddle(page: Page, count: number): Promise<number> {
  return (await page.evaluate(`(() => {
    const list = document.querySelector('.message-list');
    const wait = (${paintedWhen(`(uid) => uid > ${Math.floor(count * 0.4)} && uid < ${Math.ceil(count * 0.6)}`)});
    list.scrollTop = (list.scrollHeight - list.clientHeight) / 2;
    return wait();
  })()`)) as number;
}

/** The renderer's used JS heap after a full garbage collection, in bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  } finally {
    await session.detach();
  }
}

/**
 * The window's main thread, as Chromium counts it (CDP Performance.getMetrics TaskDuration): the
 * seconds it has spent running tasks so far. The difference over a stretch is how much of it the
 * window was busy, in tasks of any length, not only the long ones.
 */
export async function windowThreadBusy(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
  };
}

/** With BENCH_WINDOW_PROFILE=<file>: a CPU profile of the window's main thread from now until the returned stop (open it in DevTools). */
export async function profileWindow(page: Page): Promise<() => Promise<void>> {
  const file = process.env.BENCH_WINDOW_PROFILE;
  if (!file) return async () => undefined;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(profile));
  };
}

/**
 * With BENCH_WORKER_PROFILE=<prefix>: CPU profiles of the page's workers (the sync and search
 * workers), written to <prefix>.<n>.json. Playwright opens CDP sessions on pages only, so the
 * workers are reached through the page's session as attached targets (CDP's non-flat mode).
 */
export async function profileWorkers(page: Page): Promise<() => Promise<void>> {
  const file = process.env.BENCH_WORKER_PROFILE;
  if (!file) return async () => undefined;
  const cdp = await page.context().newCDPSession(page);
  const sessions: string[] = [];
  const answers = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => void sessions.push(event.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) answers.get(message.id)?.(message.result);
  });
  const send = (sessionId: string, method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      answers.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  // The app starts its workers as it starts: the ones running by now are the ones a sync uses.
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const session of sessions) {
    await send(session, 'Profiler.enable');
    await send(session, 'Profiler.setSamplingInterval', { interval: 100 });
    await send(session, 'Profiler.start');
  }
  return async () => {
    const { writeFileSync } = await import('node:fs');
    for (const [i, session] of sessions.entries()) {
      const result = (await send(session, 'Profiler.stop')) as { profile: unknown };
      writeFileSync(`${file}.${i}.json`, JSON.stringify(result.profile));
    }
  };
}
