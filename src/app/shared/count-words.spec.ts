import { countOf, noun } from './count-words';

describe('count words', () => {
  it('says one row, two rows, no rows, and thousands with a separator', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(2, 'row')).toBe('2 rows');
    expect(countOf(0, 'row')).toBe('0 rows');
    expect(countOf(1234, 'row')).toBe('1,234 rows');
    expect(countOf(2, 'possible duplicate')).toBe('2 possible duplicates');
    expect(countOf(3, 'deposit or refund', 'deposits and refunds')).toBe('3 deposits and refunds');
  });

  it('agrees with the number as shown: a rate of 1.4 is "1 row", of 0.6 "1 row" too', () => {
    expect(countOf(1.4, 'row')).toBe('1 row');
    expect(countOf(0.6, 'row')).toBe('1 row');
    expect(noun(1.6, 'row')).toBe('rows');
  });
});
