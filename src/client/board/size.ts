/**
 * The drawn board's design size and its smallest text, apart from the scene
 * (which needs Phaser and a window) so that tests can read them. The canvas
 * is scaled to its box: at 1366 px the board has a row of its own
 * (screens/parts/board.ts, wideBoard) so that SMALLEST_TEXT reads at 14 px
 * or more.
 */
export const W = 1280;
export const H = 720;
/** No text on the canvas is drawn smaller than this (in design pixels). */
export const SMALLEST_TEXT = 15;
