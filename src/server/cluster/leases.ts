/**
 * Exercise ownership leases in PostgreSQL (the `leases` table, migration 2):
 * a row per exercise naming the process that owns it until `expires_at`, by
 * the database's clock. The owner renews its leases every third of their
 * length; a process that stops renewing (killed, cut off, stalled) loses
 * them when they expire, and the next process to tick or to need the
 * exercise takes them over.
 *
 * The lease says who runs an exercise's authority loop and round clock. It
 * is not the last line of defence: a process that believes it still owns an
 * exercise after its lease passed to another (a long stall) finds its next
 * append refused by the log's optimistic check on the sequence number
 * (storage/postgres.ts), so the log never forks and no command is stored twice.
 *
 * This process counts a lease as held until its own clock says a little
 * less than the lease's length has passed since the statement that took or
 * renewed it was sent: it gives up ownership before the database would let
 * another process take it.
 */
import type pg from 'pg';

/** Share of the lease's length kept as a margin: the owner stops writing this much before the lease expires. */
const SAFETY = 0.2;

/** Takes one exercise's lease when it is free or expired, or renews it when it is this process's. */
const CLAIM_ONE = `
INSERT INTO leases (exercise_id, owner, expires_at)
VALUES ($1, $2, now() + make_interval(secs => $3::float8 / 1000))
ON CONFLICT (exercise_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
WHERE leases.owner = excluded.owner OR leases.expires_at < now()
RETURNING exercise_id`;

/** Renews every lease this process holds and takes those of exercises nobody holds (never leased, or expired). */
const RENEW_AND_CLAIM = `
INSERT INTO leases (exercise_id, owner, expires_at)
SELECT id, $1, now() + make_interval(secs => $2::float8 / 1000) FROM exercises
ON CONFLICT (exercise_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
WHERE leases.owner = excluded.owner OR leases.expires_at < now()
RETURNING exercise_id`;

export class Leases {
  /** Exercise id -> this process's clock (epoch ms) past which it no longer counts the lease as held. */
  private readonly held = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    /** This process's name in the leases table. */
    readonly node: string,
    readonly lengthMs: number,
  ) {}

  owns(exerciseId: string): boolean {
    return (this.held.get(exerciseId) ?? 0) > Date.now();
  }

  /** The exercises whose lease this process holds now. */
  ownedIds(): string[] {
    const now = Date.now();
    return [...this.held].filter(([, until]) => until > now).map(([id]) => id);
  }

  private until(sentAt: number): number {
    return sentAt + this.lengthMs * (1 - SAFETY);
  }

  /** Takes (or renews) one exercise's lease; false when another process holds it. */
  async claim(exerciseId: string): Promise<boolean> {
    const sentAt = Date.now();
    const { rowCount } = await this.pool.query(CLAIM_ONE, [exerciseId, this.node, this.lengthMs]);
    if (!rowCount) return false;
    this.held.set(exerciseId, this.until(sentAt));
    return true;
  }

  /** Renews this process's leases and takes every free or expired one. Returns the exercises gained and those lost since the last tick. */
  async tick(): Promise<{ gained: string[]; lost: string[] }> {
    const sentAt = Date.now();
    const before = new Set(this.ownedIds());
    const { rows } = await this.pool.query<{ exercise_id: string }>(RENEW_AND_CLAIM, [this.node, this.lengthMs]);
    const now = new Set(rows.map((r) => r.exercise_id));
    this.held.clear();
    for (const id of now) this.held.set(id, this.until(sentAt));
    return { gained: [...now].filter((id) => !before.has(id)), lost: [...before].filter((id) => !now.has(id)) };
  }

  /** Gives every lease up (on a clean shutdown), so another process takes over at once rather than after expiry. */
  async release(): Promise<void> {
    this.held.clear();
    await this.pool.query('DELETE FROM leases WHERE owner = $1', [this.node]);
  }
}
