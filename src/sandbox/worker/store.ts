/**
 * Where journaled sandboxes are saved between page loads: IndexedDB in the browser (a worker has
 * no localStorage), a Map in tests. One record per host profile: the learner's current sandbox for
 * lessons of that profile. Records hold Uint8Arrays, which IndexedDB stores as they are.
 */
import type { SavedSandbox } from './journal.ts';

/** Saves wait this long after the first change, so a burst of keys is one write (browser-driver.ts). */
export const SAVE_DELAY_MS = 250;

export interface SandboxStore {
  load(profile: string): Promise<SavedSandbox | undefined>;
  save(record: SavedSandbox): Promise<void>;
  /** Delete `profile`'s record if it is still `instance` (a reset may already have saved its successor). */
  delete(profile: string, instance: string): Promise<void>;
}

/** A store in memory (tests; also the fallback when IndexedDB is unavailable, e.g. private mode). */
export class MemoryStore implements SandboxStore {
  readonly records = new Map<string, SavedSandbox>();

  async load(profile: string): Promise<SavedSandbox | undefined> {
    return this.records.get(profile);
  }

  async save(record: SavedSandbox): Promise<void> {
    this.records.set(record.profile, record);
  }

  async delete(profile: string, instance: string): Promise<void> {
    if (this.records.get(profile)?.instance === instance) this.records.delete(profile);
  }
}

/** Database and object store names (the browser test reads them too). */
export const IDB_NAME = 'vethlab-sandbox';
export const IDB_STORE = 'sandboxes';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The browser's IndexedDB. */
export class IdbStore implements SandboxStore {
  private db: Promise<IDBDatabase> | undefined;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(IDB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(IDB_STORE)) req.result.createObjectStore(IDB_STORE, { keyPath: 'profile' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked'));
    });
    return this.db;
  }

  async load(profile: string): Promise<SavedSandbox | undefined> {
    const db = await this.open();
    const record = (await request(db.transaction(IDB_STORE, 'readonly').objectStore(IDB_STORE).get(profile))) as unknown;
    return isSaved(record) ? record : undefined;
  }

  async save(record: SavedSandbox): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(IDB_STORE, 'readwrite');
    tx.objectStore(IDB_STORE).put(record);
    await transactionDone(tx);
  }

  async delete(profile: string, instance: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(IDB_STORE, 'readwrite');
    const store = tx.objectStore(IDB_STORE);
    const current = (await request(store.get(profile))) as unknown;
    if (isSaved(current) && current.instance === instance) store.delete(profile);
    await transactionDone(tx);
  }
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Whether a stored value is a record of this version (older shapes are ignored, not migrated). */
export function isSaved(value: unknown): value is SavedSandbox {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<SavedSandbox>;
  return r.v === 1 && typeof r.profile === 'string' && typeof r.instance === 'string' && typeof r.seed === 'number' && typeof r.start === 'number' && Array.isArray(r.events);
}
