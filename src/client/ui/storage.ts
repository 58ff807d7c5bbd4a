/**
 * localStorage, or an in-memory stand-in when the browser refuses it
 * (private windows, disabled storage): the app keeps working, it just
 * forgets on reload.
 */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

function pick(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    const probe = '__firebreak_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

let chosen: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = null;

/** Lazily chosen, so that modules can be imported where no window exists. */
export const storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
  getItem: (k) => (chosen ??= pick()).getItem(k),
  setItem: (k, v) => {
    try {
      (chosen ??= pick()).setItem(k, v);
    } catch {
      /* quota exceeded: keep going without saving */
    }
  },
  removeItem: (k) => (chosen ??= pick()).removeItem(k),
};
