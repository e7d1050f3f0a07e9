/**
 * The rooms of main/, lowest layer first. A room may import from rooms of lower layers only; rooms
 * of one layer are siblings that never import each other (what needs two engines is composed in
 * main/service). Files at main/'s top count as rooms named after the file.
 */
export const mainLayers: readonly (readonly string[])[] = [
  ['log', 'app-info', 'heap-policy', 'storage'],
  ['transcript'],
  ['net', 'mime', 'accounts'],
  ['imap', 'pop3', 'smtp', 'remote-content', 'desktop', 'compose'],
  ['insight'],
  ['service'],
  ['bridge', 'cli', 'electron'],
];

/** Folders of renderer/ that every feature may use directly; every other folder is a feature with an index.ts door. */
export const rendererShared: readonly string[] = ['api', 'db', 'i18n', 'ui'];
