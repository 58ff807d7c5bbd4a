/**
 * The seat credentials this browser holds, kept in localStorage so that a
 * reload (or a lost connection) resumes the same seat. A facilitator may
 * hold several (one per exercise they run); a player usually holds one.
 *
 * A credential is a secret: it is never put in a URL or shown on screen.
 */
import type { SeatRole } from '../../protocol/events';
import { storage } from '../ui/storage';

export interface StoredSeat {
  exerciseId: string;
  credential: string;
  role: SeatRole;
  team: string | null;
  name: string;
  seatId: string;
  /** The exercise's title, to list it on the start page. */
  title: string;
  savedAt: number;
}

const KEY = 'firebreak.seats.v1';

function isSeat(value: unknown): value is StoredSeat {
  const s = value as StoredSeat;
  return !!s && typeof s.exerciseId === 'string' && typeof s.credential === 'string' && typeof s.role === 'string';
}

export function allSeats(): StoredSeat[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSeat) : [];
  } catch {
    return [];
  }
}

function write(seats: StoredSeat[]): void {
  storage.setItem(KEY, JSON.stringify(seats));
}

/** Adds or replaces (by credential) a seat. */
export function saveSeat(seat: StoredSeat): void {
  write([seat, ...allSeats().filter((s) => s.credential !== seat.credential)]);
}

/** Updates the descriptive fields of a stored seat (name, title) after a resume. */
export function touchSeat(credential: string, patch: Partial<Pick<StoredSeat, 'name' | 'title' | 'team' | 'seatId'>>): void {
  write(allSeats().map((s) => (s.credential === credential ? { ...s, ...patch } : s)));
}

export function forgetSeat(credential: string): void {
  write(allSeats().filter((s) => s.credential !== credential));
}

/** The seat to open for an exercise: its facilitator seat, or its (most recent) other seat. */
export function seatFor(exerciseId: string, kind: 'facilitator' | 'player'): StoredSeat | undefined {
  return allSeats().find(
    (s) => s.exerciseId === exerciseId && (kind === 'facilitator' ? s.role === 'facilitator' : s.role !== 'facilitator'),
  );
}

/** Any seat for an exercise, the facilitator's first (it sees the most). */
export function anySeatFor(exerciseId: string): StoredSeat | undefined {
  return seatFor(exerciseId, 'facilitator') ?? seatFor(exerciseId, 'player');
}

export function facilitatorCredentials(): string[] {
  return allSeats()
    .filter((s) => s.role === 'facilitator')
    .map((s) => s.credential);
}
