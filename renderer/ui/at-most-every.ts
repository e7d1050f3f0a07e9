/**
 * `run` in the next task when asked, then not again until `ms` after its last start; asks meanwhile make
 * one run when that time is up. Runs never overlap.
 */
export function atMostEvery(ms: number, run: () => Promise<void>): () => void {
  let lastStart = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let asked = false;
  const go = async () => {
    timer = undefined;
    if (running) return void (asked = true);
    running = true;
    asked = false;
    lastStart = Date.now();
    await run().catch(() => undefined);
    running = false;
    if (asked) ask();
  };
  const ask = () => {
    if (timer) return;
    if (running) return void (asked = true);
    timer = setTimeout(() => void go(), Math.max(0, lastStart + ms - Date.now()));
  };
  return ask;
}
