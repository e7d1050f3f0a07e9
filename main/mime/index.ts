// The door of main/mime: what other folders of main may use. Everything else here is internal.
export { headerBlockEnd, summarizeHeaders } from './header-summary';
export { messagePart, parseMessage } from './parse-message';
