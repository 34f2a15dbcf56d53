/**
 * Times as `datetime-local` inputs hold them (`YYYY-MM-DDTHH:mm`, the browser's local time)
 * and as the server takes them (ISO 8601, UTC).
 */

/** `YYYY-MM-DDTHH:mm` in local time → ISO UTC; anything else is passed on for the schema to refuse. */
export function localToIso(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return local;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

/** ISO → `YYYY-MM-DDTHH:mm` in local time (what a `datetime-local` input shows). */
export function isoToLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
