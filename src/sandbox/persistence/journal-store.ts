/**
 * Where the server keeps each simulator session's journal (seed, start, events, screens) so that the
 * next process, or another replica, can rebuild it. Every record has one holder (the process serving
 * it); taking a session over moves the holder, and a process that finds its record taken stops
 * serving that session, so two replicas never both write one journal.
 */
/** One session's journal as the store keeps it. */
export interface StoredJournal {
  /** The session id. */
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The session's hard end; the record is deleted after it. */
  expiresAt: number;
  /** The host profile ('' for the default). */
  profile: string;
  /** Journal and screens as journal-codec.ts writes them. */
  journal: string;
}

export interface JournalStore {
  /**
   * Make `holder` the holder of session `id` and return its record; undefined (and nothing taken)
   * when there is none, it has expired at `now`, or it is of another profile.
   */
  claim(id: string, profile: string, holder: string, now: number): Promise<StoredJournal | undefined>;
  /** Write new records (`inserted`) and updates of records `holder` still holds; returns the ids it no longer holds. */
  save(writes: readonly JournalWrite[], holder: string): Promise<string[]>;
  /** Of `ids`, those `holder` no longer holds (taken over or deleted). */
  lost(ids: readonly string[], holder: string): Promise<string[]>;
  /** Delete session `id`'s record if `holder` still holds it (the session ended). */
  delete(id: string, holder: string): Promise<void>;
  /** Delete every record past its expiry; returns how many. */
  deleteExpired(now: number): Promise<number>;
}

/** A record to write: new ones are inserted, the others updated only while still held. */
export interface JournalWrite {
  record: StoredJournal;
  isNew: boolean;
}

/** A store in memory: tests, and the shape every other store must have. */
export class MemoryJournalStore implements JournalStore {
  readonly rows = new Map<string, { holder: string; record: StoredJournal }>();

  async claim(id: string, profile: string, holder: string, now: number): Promise<StoredJournal | undefined> {
    const row = this.rows.get(id);
    if (!row || row.record.expiresAt <= now || row.record.profile !== profile) return undefined;
    row.holder = holder;
    return structuredClone(row.record);
  }

  async save(writes: readonly JournalWrite[], holder: string): Promise<string[]> {
    const lost: string[] = [];
    for (const { record, isNew } of writes) {
      const row = this.rows.get(record.id);
      if (isNew ? row !== undefined : row?.holder !== holder) lost.push(record.id);
      else this.rows.set(record.id, { holder, record: structuredClone(record) });
    }
    return lost;
  }

  async lost(ids: readonly string[], holder: string): Promise<string[]> {
    return ids.filter((id) => this.rows.get(id)?.holder !== holder);
  }

  async delete(id: string, holder: string): Promise<void> {
    if (this.rows.get(id)?.holder === holder) this.rows.delete(id);
  }

  async deleteExpired(now: number): Promise<number> {
    let deleted = 0;
    for (const [id, row] of this.rows) {
      if (row.record.expiresAt > now) continue;
      this.rows.delete(id);
      deleted++;
    }
    return deleted;
  }
}
