/** Numbers written the chosen language's way ("1,234.5", "1 234,5", "1.234,5"). */
import { locale } from './i18n';

/** `digits` decimals, always written ("3.0", "3,0"), as toFixed would. */
export function formatNumber(n: number, digits = 0): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A share of a whole as a percentage, rounded ("42%", "42 %"). */
export function formatPercent(part: number, whole: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(part / Math.max(1, whole));
}
