/**
 * The newest `capacity` items, oldest first. Appending to a full buffer overwrites the oldest in
 * place: a large sync records one line per message, and shifting an array of thousands per line
 * would cost more than the sync itself.
 */
export class RingBuffer<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
  }

  get length(): number {
    return this.items.length;
  }

  /** Oldest first. */
  toArray(): T[] {
    return this.start === 0 ? [...this.items] : [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  filter(keep: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[(this.start + i) % this.items.length]!;
      if (keep(item)) out.push(item);
    }
    return out;
  }
}
