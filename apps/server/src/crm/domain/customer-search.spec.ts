import { describe, expect, it } from 'vitest';
import { escapeLike, planCustomerSearch } from './customer-search.js';

describe(planCustomerSearch.name, () => {
  it('searches nothing for an empty or blank text: every customer matches', () => {
    expect(planCustomerSearch(undefined)).toBeNull();
    expect(planCustomerSearch('   ')).toBeNull();
  });

  it('reads a number typed with separators as the digits of a phone number', () => {
    expect(planCustomerSearch('(415) 555-0102')).toMatchObject({ phoneDigits: '4155550102' });
    expect(planCustomerSearch('+1 415.555.0102')).toMatchObject({ phoneDigits: '14155550102' });
  });

  it('does not search phone numbers for words, or for too few digits to mean anything', () => {
    expect(planCustomerSearch('Bob Smith')).toMatchObject({ name: 'Bob Smith', phoneDigits: null });
    expect(planCustomerSearch('41')).toMatchObject({ phoneDigits: null });
    expect(planCustomerSearch('ACC-1001')).toMatchObject({ phoneDigits: null, account: 'ACC-1001' });
  });

  it('matches names and emails on the text as typed, spaces collapsed', () => {
    expect(planCustomerSearch('  bob   smith ')).toMatchObject({ name: 'bob smith', email: 'bob smith' });
  });
});

describe(escapeLike.name, () => {
  it('makes LIKE wildcards literal', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});
