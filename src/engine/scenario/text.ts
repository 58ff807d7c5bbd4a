/**
 * What can be wrong with a scenario file before it is JSON at all: bytes that
 * are not UTF-8, nesting too deep to read, numbers JSON does not allow, and a
 * file that stops mid-way. Each is found by a linear scan, without recursion,
 * so that the loader can say where it happens rather than at 1:1.
 */

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export interface Structure {
  /** Offset of the first "{" or "[" nested deeper than allowed. */
  tooDeep?: number;
  /** Objects and lists still open at the end of the text, outermost first. */
  open: { char: '{' | '['; offset: number }[];
  /** Offset of a string still open at the end of the text. */
  openString?: number;
}

/** Brackets and strings, scanned once; stops at the first nesting beyond maxDepth. */
export function scanStructure(text: string, maxDepth: number): Structure {
  const open: Structure['open'] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) return { open, openString: start };
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      open.push({ char: c, offset: i });
      if (open.length > maxDepth) return { tooDeep: i, open };
    } else if (c === '}' || c === ']') {
      open.pop();
    }
    i++;
  }
  return { open };
}

/**
 * Explains a number token that JSON refuses, starting near `offset`:
 * leading zeros, a plus sign, a bare decimal point, hexadecimal.
 */
export function explainNumber(text: string, offset: number): { offset: number; message: string } | null {
  // Step back to the start of the token the parser stumbled on.
  let start = offset;
  while (start > 0 && /[0-9A-Za-z.+-]/.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && /[0-9A-Za-z.+-]/.test(text[end]!)) end++;
  const token = text.slice(start, end);
  if (!/^[-+.]?[0-9.]/.test(token)) return null;
  const shown = `"${token}"`;
  if (/^-?0[0-9]/.test(token)) {
    const value = token.replace(/^(-?)0+(?=\d)/, '$1');
    return {
      offset: start,
      message: `invalid number ${shown}: JSON numbers may not start with a leading zero; write ${value}, or put it in quotes if it is a code rather than a number`,
    };
  }
  if (token.startsWith('+')) return { offset: start, message: `invalid number ${shown}: JSON numbers have no plus sign; write ${token.slice(1)}` };
  if (/^-?\./.test(token)) return { offset: start, message: `invalid number ${shown}: JSON needs a digit before the decimal point; write ${token.replace('.', '0.')}` };
  if (/^-?0x/i.test(token)) {
    const value = Number.parseInt(token.replace(/^(-?)0x/i, '$1'), 16);
    return { offset: start, message: `invalid number ${shown}: JSON has no hexadecimal numbers${Number.isFinite(value) ? `; write ${value}` : ''}` };
  }
  if (/\.$|\.[eE]|[eE][-+]?$/.test(token)) {
    return { offset: start, message: `invalid number ${shown}: a decimal point or exponent needs digits after it` };
  }
  return null;
}
