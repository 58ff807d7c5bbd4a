/**
 * Seeded randomness whose state lives in the exercise state (alea: four
 * numbers), so that a snapshot plus the rest of the log replays exactly.
 */
import seedrandom from 'seedrandom';
import type { ExerciseState } from './types';

export type RngState = ExerciseState['rng'];

export function seedRng(seed: string): RngState {
  return seedrandom.alea(seed, { state: true }).state() as unknown as RngState;
}

export class Rng {
  private readonly prng: seedrandom.StatefulPRNG<seedrandom.State.Alea>;

  constructor(state: RngState) {
    this.prng = seedrandom.alea('', { state: state as unknown as seedrandom.State.Alea });
  }

  /** A number in [0, 1). */
  next(): number {
    return this.prng();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.next() * items.length)];
  }

  save(): RngState {
    return { ...(this.prng.state() as unknown as RngState) };
  }
}
