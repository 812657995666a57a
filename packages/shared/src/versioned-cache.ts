/**
 * Answers (encoded, ready to send) kept under a key together with the version of the data they were built from, valid only while the
 * caller reads that same version again. Bounded by bytes: entries larger than `maxEntryBytes` are never kept,
 * and the oldest entries leave first once `maxBytes` would be passed.
 */
export class VersionedCache {
  private readonly entries = new Map<string, { version: number; body: Buffer }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;

  constructor({ maxBytes, maxEntryBytes }: { maxBytes: number; maxEntryBytes: number }) {
    this.maxBytes = maxBytes;
    this.maxEntryBytes = maxEntryBytes;
  }

  get(key: string, version: number): Buffer | undefined {
    const entry = this.entries.get(key);
    return entry?.version === version ? entry.body : undefined;
  }

  set(key: string, version: number, body: Buffer): void {
    this.delete(key);
    const size = body.byteLength;
    if (size > this.maxEntryBytes) return;
    for (const oldest of this.entries.keys()) {
      if (this.bytes + size <= this.maxBytes) break;
      this.delete(oldest);
    }
    this.entries.set(key, { version, body });
    this.bytes += size;
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.byteLength;
  }
}
