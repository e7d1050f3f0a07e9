import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanAttachmentTemp } from '../desktop/attachment-files';
import { applyEngineHeapPolicy, applyEngineIoPolicy } from '../heap-policy';
import { logger } from '../log';
import { startBrowserMode } from './browser-mode';

/** `node out/main/bridge.js [--port N] [--data-dir DIR] [--renderer-dir DIR] [--why TEXT]` */
async function main(): Promise<void> {
  applyEngineIoPolicy();
  applyEngineHeapPolicy();
  // Attachments opened in an earlier run are copies: gone at start and at exit.
  await cleanAttachmentTemp();
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      why: { type: 'string' },
    },
  });
  const { bridge, context } = await startBrowserMode({
    rendererDir: values['renderer-dir'] ?? path.join(__dirname, '../renderer'),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : process.env.POSTBOTE_DATA_DIR ? { dataDir: process.env.POSTBOTE_DATA_DIR } : {}),
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values['allow-origin'] ? { extraOrigins: values['allow-origin'] } : {}),
  });
  if (values.why) logger.info(values.why);
  logger.info(`browser mode: data in ${context.dataDir}`);
  logger.info(`open ${bridge.pageUrl}`);
  // Machine-readable line for scripts and tests that launch us.
  console.log(`POSTBOTE_URL=${bridge.pageUrl}`);
  const stop = () =>
    void bridge
      .close()
      .then(() => cleanAttachmentTemp())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// The last resort: a request must never kill the service. Every handler catches its own failures;
// anything that still escapes is logged and the service stays up for the page that uses it.
process.on('uncaughtException', (error) => logger.error('browser mode: an unexpected error was caught', error));
process.on('unhandledRejection', (error) => logger.error('browser mode: an unexpected rejection was caught', error));

main().catch((error: unknown) => {
  // A refusal we can explain (the remembered port is taken) is said plainly, without a stack.
  if (error instanceof Error && error.name === 'PostboteError') console.error(`Postbote: ${error.message}`);
  logger.error('browser mode could not start', error);
  process.exit(1);
});
