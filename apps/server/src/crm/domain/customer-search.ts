/**
 * How the desk's customer search reads what the agent typed. One box finds a customer by
 * name, email, phone number or account number, so the text is matched against each field
 * in the way that field is written: phone numbers are stored as digits with an optional
 * leading + (`+14155550102`), while people type them with spaces, dashes and brackets.
 */

/** What to look for in each field; a field with `null` is not searched. */
export interface CustomerSearchPlan {
  /** Part of the display name, case-insensitive. */
  name: string | null;
  /** Part of the email, case-insensitive. */
  email: string | null;
  /** Digits that must appear, in order and together, in the phone number. */
  phoneDigits: string | null;
  /** Part of the account number, case-insensitive. */
  account: string | null;
}

/** Fewer digits than this would match nearly every number. */
const MIN_PHONE_DIGITS = 3;

/** The plan for `q`; null when there is nothing to search for (every customer matches). */
export function planCustomerSearch(q: string | undefined): CustomerSearchPlan | null {
  const text = (q ?? '').trim().replace(/\s+/g, ' ');
  if (!text) return null;
  // A phone number as typed: digits with separators and an optional leading +.
  const phoneLike = /^\+?[\d\s().-]+$/.test(text);
  const digits = text.replace(/\D/g, '');
  return {
    name: text,
    email: text,
    phoneDigits: phoneLike && digits.length >= MIN_PHONE_DIGITS ? digits : null,
    account: text.replace(/\s/g, ''),
  };
}

/** `%` and `_` are wildcards in LIKE; the text must match them literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
