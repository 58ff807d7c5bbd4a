/** The adversary's postures, in one dependency-free list the browser can import without the schema library. */
export const POSTURES = ['probing', 'emboldened', 'deterred', 'titForTat', 'deEscalating'] as const;
