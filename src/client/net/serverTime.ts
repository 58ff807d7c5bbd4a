/**
 * The server's clock, as seen from this browser. Round deadlines are the
 * server's epoch times, so countdowns must run on its clock, not on a laptop
 * clock that may be minutes off. Every view and every join or resume carries
 * the server's time.
 */
let offsetMs = 0;

export function syncServerClock(serverNow: number): void {
  offsetMs = serverNow - Date.now();
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
