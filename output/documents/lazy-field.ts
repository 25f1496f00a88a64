/**
 * A property computed when first read, then kept: for parts of the template data (a list
 * table's rows, the named tables) that are large and that most templates never read. The
 * property is an own, enumerable one, so Handlebars' strict lookup, Object.keys, spreading and
 * JSON.stringify see it like any other.
 */
export function lazyField<T>(target: Record<string, unknown>, key: string, compute: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/** A record whose every value is computed when first read (see lazyField). */
export function lazyRecord<T>(builders: Record<string, () => T>): Record<string, T> {
  const record: Record<string, unknown> = {};
  for (const [key, build] of Object.entries(builders)) lazyField(record, key, build);
  return record as Record<string, T>;
}
