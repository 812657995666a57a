/** Bytes counted for each entry besides its body and key: the map's slot and the entry object. */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * Answers (encoded, ready to send) kept under a key together with the version of the data they were built from,
 * valid only while the caller reads that same version again. Bounded by entries and by bytes (bodies, keys and
 * a fixed overhead each): an entry larger than `maxEntryBytes` is never kept, and the least recently used
 * leave first.
 */
export class VersionedCache {
  private readonly entries = new Map<string, { version: number; body: Buffer; size: number }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  private readonly maxEntries: number;

  constructor({
    maxBytes,
    maxEntryBytes,
    maxEntries,
  }: { maxBytes: number; maxEntryBytes: number; maxEntries: number }) {
    this.maxBytes = maxBytes;
    this.maxEntryBytes = maxEntryBytes;
    this.maxEntries = maxEntries;
  }

  get(key: string, version: number): Buffer | undefined {
    const entry = this.entries.get(key);
    if (entry?.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, version: number, body: Buffer): void {
    this.delete(key);
    const size = body.byteLength + key.length * 2 + ENTRY_OVERHEAD_BYTES;
    if (size > this.maxEntryBytes) return;
    for (const oldest of this.entries.keys()) {
      if (this.bytes + size <= this.maxBytes && this.entries.size < this.maxEntries) break;
      this.delete(oldest);
    }
    this.entries.set(key, { version, body, size });
    this.bytes += size;
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }
}
