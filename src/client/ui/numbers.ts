/** Numbers written the chosen language's way ("1,234.5", "1 234,5", "1.234,5"). */
import { locale } from './i18n';

/** `digits` decimals, always written ("3.0", "3,0"), as toFixed would; up to `maxDigits` when more are given. */
export function formatNumber(n: number, digits = 0, maxDigits = digits): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: maxDigits }).format(n);
}

/** A share of a whole as a percentage, rounded ("42%", "42 %"). */
export function formatPercent(part: number, whole: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(part / Math.max(1, whole));
}
