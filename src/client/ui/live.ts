/**
 * Screen-reader announcements through the page's aria-live regions
 * (#announcer is polite, #alerts assertive; both live in index.html so
 * they exist before anything is announced).
 */
export function announce(text: string, politeness: 'polite' | 'assertive' = 'polite'): void {
  const region = document.getElementById(politeness === 'polite' ? 'announcer' : 'alerts');
  if (!region) return;
  const item = document.createElement('p');
  item.textContent = text;
  region.append(item);
  // Keep the region short; old lines have been read by now.
  while (region.childElementCount > 5) region.firstElementChild?.remove();
}
