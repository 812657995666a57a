import type { FileStorage } from './file-storage.js';

/**
 * A storage built on first use: the driver's module (the S3 SDK) costs start-up time and memory that only
 * requests touching files should pay. A failed load is retried by the next call.
 */
export function lazyStorage(load: () => Promise<FileStorage>): FileStorage {
  let loading: Promise<FileStorage> | undefined;
  const storage = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    put: async (key, body, options) => (await storage()).put(key, body, options),
    get: async (key) => (await storage()).get(key),
    delete: async (key) => (await storage()).delete(key),
    exists: async (key) => (await storage()).exists(key),
  };
}
