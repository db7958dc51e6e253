// Per-object state a controller keeps for pods or nodes (its own, never on the object), in a
// dense array indexed by the object's sequence number: O(1) without hashing. The array only
// ever grows by appending, so it stays in V8's fast elements (a store far past the end would
// turn it into a dictionary).
export class ById<T> {
  private readonly items: (T | undefined)[] = [];

  get(id: number): T | undefined {
    return this.items[id];
  }

  set(id: number, value: T | undefined): void {
    const items = this.items;
    while (items.length <= id) items.push(undefined);
    items[id] = value;
  }
}
