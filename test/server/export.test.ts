/** CSV cells: quoting and spreadsheet formula defusing. */
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/server/export';

describe('csv cells', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('keeps numbers as numbers and defuses text that looks like a formula', () => {
    expect(csvCell(-3, false)).toBe('-3');
    expect(csvCell(42.5, false)).toBe('42.5');
    expect(csvCell(Number.NaN, false)).toBe('');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
