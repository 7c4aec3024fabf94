/** Display formatting shared by the card, the flow and the settings page (no I/O). */

/** "1250.00" + "USD" → "$1,250.00"; an unknown currency code falls back to "1,250.00 XYZ". */
export function formatMoney(amount: string | null, currency: string | null, locale = 'en-US'): string {
  if (amount === null || amount === '') return '—';
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount}${currency ? ` ${currency}` : ''}`;
  if (!currency) return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

/** "2026-11-02" → "Nov 2, 2026" (a calendar date: no time zone shift). */
export function formatDate(isoDate: string | null, locale = 'en-US'): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** 300 → "5 minutes"; anything under 90 s reads "1 minute". */
export function formatAge(ageSeconds: number): string {
  const minutes = Math.max(1, Math.round(ageSeconds / 60));
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return `${hours} hours`;
}

/** 1536 → "1.5 MB" style sizes for attachment lists. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
