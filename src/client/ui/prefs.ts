/** Display preferences kept in this browser: the large-text (projector) mode. */
import { storage } from './storage';

const KEY = 'firebreak.projector';

export function projectorOn(): boolean {
  return storage.getItem(KEY) === '1';
}

export function applyPrefs(): void {
  document.documentElement.classList.toggle('projector', projectorOn());
}

export function toggleProjector(): void {
  storage.setItem(KEY, projectorOn() ? '0' : '1');
  applyPrefs();
  window.dispatchEvent(new Event('resize'));
}

export function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
