/**
 * Routes (history API; the server answers every path with index.html):
 *
 *   /                      start page: join with a code, or open a new exercise
 *   /join/CODE             start page with the code filled in
 *   /facilitate/ID         facilitator console (this browser holds its credential)
 *   /play/ID               a player's, observer's or red cell's screen
 *   /report/ID             printable after-action report
 *   /project/ID            projector view for the room (opened from the console)
 *   /studio                Firebreak Studio, the scenario editor
 *   /course/SCENARIO       course materials for a shipped scenario (guide, readings, prompts, rubric)
 */
export type Route =
  | { name: 'start'; code: string | null }
  | { name: 'facilitate'; id: string }
  | { name: 'play'; id: string }
  | { name: 'report'; id: string }
  | { name: 'project'; id: string }
  | { name: 'studio' }
  | { name: 'course'; id: string }
  | { name: 'notFound'; path: string };

const ID = '([A-Za-z0-9_-]{1,64})';

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'start', code: null };
  if (path === '/studio') return { name: 'studio' };
  const join = new RegExp(`^/join/([A-Za-z0-9-]{1,32})$`).exec(path);
  if (join) return { name: 'start', code: decodeURIComponent(join[1]!).toUpperCase() };
  for (const name of ['facilitate', 'play', 'report', 'project', 'course'] as const) {
    const m = new RegExp(`^/${name}/${ID}$`).exec(path);
    if (m) return { name, id: m[1]! };
  }
  return { name: 'notFound', path };
}

type Listener = (route: Route) => void;
let listener: Listener | null = null;

export function onRoute(fn: Listener): void {
  listener = fn;
  window.addEventListener('popstate', () => fn(parseRoute(location.pathname)));
  // Same-origin links marked data-link navigate without a page load.
  document.addEventListener('click', (event) => {
    const a = (event.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
    if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (a.origin !== location.origin) return;
    event.preventDefault();
    navigate(a.pathname + a.search);
  });
  fn(parseRoute(location.pathname));
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listener?.(parseRoute(location.pathname));
}
