import os from 'node:os';
import path from 'node:path';
import { KeyFileCipher } from '../accounts/secret-cipher';
import { appInfo } from '../app-info';
import type { DesktopShell } from '../desktop/desktop-shell';
import { announceInstance } from '../desktop/running-instance';
import type { RemoteImageOptions } from '../remote-content/fetch-image';
import { createService, type MainContext, type ServiceOptions } from '../service/create-service';
import { PostboteError } from '../../app/errors';
import { startBridge, type RunningBridge } from './bridge-server';
import { portTakenMessage, rememberPort, rememberedPort } from './remembered-port';

export interface BrowserModeOptions {
  dataDir?: string;
  rendererDir?: string;
  /** Choose this port (and remember it for the data directory); else the remembered one, else a free one. */
  port?: number;
  /** Use a fresh free port and remember nothing (tests that run many instances). */
  ephemeralPort?: boolean;
  extraOrigins?: string[];
  probeTimeoutMs?: number;
  /** Tests record what would be opened instead of starting the system's apps. */
  desktop?: DesktopShell;
  /** Settings discovery's DNS servers, CAs and ports (tests' dnsmasq and autoconfig server). */
  discovery?: ServiceOptions['discovery'];
  /** OAuth client ids (tests' OIDC server); else POSTBOTE_OAUTH_CONFIG / POSTBOTE_OAUTH_<ID>_CLIENT_ID. */
  oauthConfigFile?: string;
  /** Tests that serve remote images on 127.0.0.1 allow loopback here; the default refuses it. */
  remoteImages?: RemoteImageOptions;
}

export function defaultBrowserDataDir(): string {
  const base = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  return path.join(base, 'postbote-browser');
}

/** Main's service plus the loopback bridge: the whole app minus the Electron window. */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<{ bridge: RunningBridge; context: MainContext }> {
  const dataDir = options.dataDir ?? defaultBrowserDataDir();
  const context = createService({
    dataDir,
    cipher: new KeyFileCipher(path.join(dataDir, 'secret.key')),
    info: appInfo('browser'),
    ...(options.probeTimeoutMs !== undefined ? { probeTimeoutMs: options.probeTimeoutMs } : {}),
    ...(options.desktop ? { desktop: options.desktop } : {}),
    ...(options.discovery ? { discovery: options.discovery } : {}),
    ...(options.oauthConfigFile ? { oauthConfigFile: options.oauthConfigFile } : {}),
    ...(options.remoteImages ? { remoteImages: options.remoteImages } : {}),
  });
  const remembered = options.ephemeralPort ? undefined : await rememberedPort(dataDir);
  const port = options.port ?? remembered;
  const bridge = await startBridge({
    service: context.service,
    events: context.events,
    ...(options.rendererDir !== undefined ? { rendererDir: options.rendererDir } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(options.extraOrigins !== undefined ? { extraOrigins: options.extraOrigins } : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' && port !== undefined) throw new PostboteError({ code: 'ALREADY_EXISTS', message: portTakenMessage(path.resolve(dataDir), port) });
    throw error;
  });
  if (!options.ephemeralPort && bridge.port !== remembered) await rememberPort(dataDir, bridge.port);
  // `postbote compose 'mailto:…'` and a second start find this instance through its data folder.
  const forget = await announceInstance(dataDir, { port: bridge.port, token: bridge.token, pid: process.pid });
  const close = bridge.close;
  bridge.close = async () => {
    await forget().catch(() => undefined);
    await close();
  };
  return { bridge, context };
}
