/**
 * Updates every round clock on the page once a second from its data
 * attributes (deadline in epoch ms, or remaining ms while paused), and
 * announces the last five minutes once; the last minute goes to the page's
 * handler (a notification), or is announced when there is none.
 */
import { serverNow } from '../net/serverTime';
import { clockText, remainingMs } from './format';
import { announce } from './live';

const announced = new Set<string>();
let lastMinute: ((deadline: number) => void) | null = null;

/** Who is told when a running round reaches its last minute (once per deadline). */
export function onLastMinute(handler: ((deadline: number) => void) | null): void {
  lastMinute = handler;
}

function tick(): void {
  const now = serverNow();
  for (const el of document.querySelectorAll<HTMLElement>('[data-clock]')) {
    const deadline = el.dataset.deadline ? Number(el.dataset.deadline) : null;
    const remaining = el.dataset.remaining ? Number(el.dataset.remaining) : null;
    const paused = el.dataset.paused === '1';
    const text = clockText({ deadline, remainingMs: remaining }, paused, now);
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle('clock--paused', paused);
    const left = remainingMs({ deadline, remainingMs: remaining }, now);
    el.classList.toggle('clock--low', !paused && left !== null && left <= 60_000);
    if (!paused && deadline !== null && left !== null) warn(deadline, left);
  }
}

function warn(deadline: number, left: number): void {
  for (const [mark, words] of [
    [300_000, 'Five minutes left in this round.'],
    [60_000, 'One minute left in this round.'],
  ] as const) {
    const key = `${deadline}:${mark}`;
    if (left <= mark && left > mark - 5000 && !announced.has(key)) {
      announced.add(key);
      if (mark === 60_000 && lastMinute) lastMinute(deadline);
      else announce(words);
    }
  }
}

export function startClockTicker(): () => void {
  tick();
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}

/** Fills clocks at once (after a render), without waiting for the next tick. */
export const refreshClocks = tick;
