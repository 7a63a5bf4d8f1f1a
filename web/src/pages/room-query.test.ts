import { isSelected, searchQuery } from './room-query';

describe('isSelected', () => {
  test('a category chip is active only for its own category', () => {
    const query = { kind: 'category', categoryId: 3 } as const;
    expect(isSelected(query, { kind: 'category', categoryId: 3 })).toBe(true);
    expect(isSelected(query, { kind: 'category', categoryId: 1 })).toBe(false);
    expect(isSelected(query, { kind: 'all' })).toBe(false);
  });

  test('while searching, neither "all" nor "possible" is active', () => {
    const query = { kind: 'search', text: 'math' } as const;
    expect(isSelected(query, { kind: 'all' })).toBe(false);
    expect(isSelected(query, { kind: 'possible' })).toBe(false);
  });

  test('"all" and "possible" are active for themselves', () => {
    expect(isSelected({ kind: 'all' }, { kind: 'all' })).toBe(true);
    expect(isSelected({ kind: 'possible' }, { kind: 'possible' })).toBe(true);
    expect(isSelected({ kind: 'possible' }, { kind: 'all' })).toBe(false);
  });
});

describe('searchQuery', () => {
  test('the text is searched trimmed', () => {
    expect(searchQuery('  sunrise ')).toEqual({ kind: 'search', text: 'sunrise' });
  });

  test('an empty or blank search is the whole list again', () => {
    expect(searchQuery('')).toEqual({ kind: 'all' });
    expect(searchQuery(' \t ')).toEqual({ kind: 'all' });
  });
});
