/**
 * The layering of main/, as data for the architecture test.
 *
 * Each entry of `mainLayers` is a rank; a name is a folder of main/ (or a file at main/'s top).
 * A file may import from its own folder and from any folder of a strictly LOWER rank, never from
 * its own rank or above. Everything may import app/ (the shared contract), which imports nothing
 * from main/. What needs two engines (send, then file in Sent) is composed in main/service.
 */
export const mainLayers: readonly (readonly string[])[] = [
  // 0 foundations: the protocol log, JSON files on disk, the Maildir store and ledgers, logging and process facts
  ['transcript', 'storage', 'store', 'log.ts', 'app-info.ts', 'heap-policy.ts'],
  // 1 sockets: connect, TLS, deadlines, network error mapping, probes
  ['net'],
  // 2 MIME parsing, outgoing MIME composing, account settings and secrets
  ['mime', 'compose', 'accounts'],
  // 3 the protocol engines and the other things main does for the window
  ['imap', 'pop3', 'smtp', 'remote-content', 'desktop'],
  // 4 what is built from the engines' probes: reports about accounts, settings found from an address
  ['insight', 'autoconfig'],
  // 5 OAuth2 sign-in and tokens (provider endpoints come from autoconfig's table; engines get tokens through the account store)
  ['oauth'],
  // 6 the app/ API implemented once: wires engines, health and events together
  ['service'],
  // 7 the shells that expose the service
  ['bridge', 'electron', 'cli'],
];

/**
 * Folders with an index.ts door: from outside the folder, import only `<folder>/index.ts` (the
 * specifier '../mime' or '../transcript'), never a file inside it. The other folders have no
 * internals to hide yet; each of their files is public to higher ranks.
 */
export const doorOnlyFolders: readonly string[] = ['mime', 'transcript'];

/** The rank of a top-level name of main/ (folder or file), or undefined if it is not placed. */
export function mainRank(name: string): number | undefined {
  const rank = mainLayers.findIndex((layer) => layer.includes(name));
  return rank < 0 ? undefined : rank;
}

/** Folders of renderer/ that every feature may use directly; every other folder is a feature with an index.ts door. */
export const rendererShared: readonly string[] = ['api', 'db', 'i18n', 'ui'];
