/** Header fields of a message's header block, unfolded, in their order, names as written. */
export function headerFields(source: string): { name: string; value: string }[] {
  const end = source.search(/\r?\n\r?\n/);
  const block = end >= 0 ? source.slice(0, end) : source;
  const fields: { name: string; value: string }[] = [];
  for (const line of block.replace(/\r?\n(?=[ \t])/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) continue;
    fields.push({ name: line.slice(0, colon), value: line.slice(colon + 1).replace(/\s+/g, ' ').trim() });
  }
  return fields;
}
