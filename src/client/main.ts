/**
 * Entry point: applies display preferences and mounts the screen for the
 * current route. Only the start page is in the first bundle; the exercise
 * screens (and with them Phaser and the chart code) load on demand.
 */
import './styles.css';
import { onRoute, parseRoute, type Route } from './router';
import { mountStart } from './screens/start';
import { applyPrefs } from './ui/prefs';
import { html, render } from './ui/dom';

type Unmount = () => void;
let unmount: Unmount | null = null;
let generation = 0;

async function mountRoute(root: HTMLElement, route: Route): Promise<Unmount> {
  switch (route.name) {
    case 'start':
      return mountStart(root, route.code);
    case 'facilitate':
    case 'play':
      return (await import('./screens/exercise')).mountExercise(root, route.name, route.id);
    case 'report':
      return (await import('./screens/report')).mountReport(root, route.id);
    case 'project':
      return (await import('./screens/projector')).mountProjector(root, route.id);
    case 'studio':
      return (await import('./studio/studio')).mountStudio(root);
    case 'course':
      return (await import('./screens/course')).mountCourse(root, route.id);
    case 'notFound':
      render(
        html`<main id="main" class="page narrow"><h1>Page not found</h1>
          <p>There is nothing at <code>${route.path}</code>.</p><p><a href="/" data-link>Go to the start page</a></p></main>`,
        root,
      );
      return () => {};
  }
}

function start(): void {
  applyPrefs();
  const root = document.getElementById('app')!;
  const show = (route: Route) => {
    const mine = ++generation;
    unmount?.();
    unmount = null;
    render(html``, root);
    void mountRoute(root, route).then(
      (fn) => {
        if (mine === generation) unmount = fn;
        else fn();
      },
      (err: unknown) => {
        console.error(err);
        render(html`<main id="main" class="page narrow"><h1>Something went wrong</h1>
          <p>This screen could not load. Check your connection and reload the page.</p></main>`, root);
      },
    );
  };
  onRoute(show);
  // A new language: exercise screens redraw themselves; the others are mounted again.
  window.addEventListener('firebreak:language', () => {
    const route = parseRoute(location.pathname);
    if (route.name !== 'facilitate' && route.name !== 'play') show(route);
  });
}

start();
