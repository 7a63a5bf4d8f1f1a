import { Search } from 'lucide-react';
import { Fragment, useState } from 'react';
import type { Category, RoomQuery } from '../api';
import { texts } from '../texts';
import { isSelected, searchQuery } from './room-query';

type RoomFiltersProps = { categories: Category[]; query: RoomQuery; onQuery: (query: RoomQuery) => void };

/** Filter chips are toggle buttons (aria-pressed), one pressed at a time; the search is its own labelled form. */
export function RoomFilters({ categories, query, onQuery }: RoomFiltersProps) {
  const [searchText, setSearchText] = useState('');
  const chip = (candidate: RoomQuery, label: string, testId?: string) => {
    const pressed = isSelected(query, candidate);
    return (
      <button type="button" className={pressed ? 'chip active' : 'chip'} aria-pressed={pressed} data-testid={testId} onClick={() => onQuery(candidate)}>
        {label}
      </button>
    );
  };
  return (
    <div className="filters">
      <div className="chips" role="group" aria-label={texts.rooms.filtersLabel}>
        {chip({ kind: 'all' }, texts.rooms.all)}
        {chip({ kind: 'possible' }, texts.rooms.possible, 'filter-possible')}
        {categories.map((c) => (
          <Fragment key={c.id}>{chip({ kind: 'category', categoryId: c.id }, c.name)}</Fragment>
        ))}
      </div>
      <form
        className="search"
        role="search"
        aria-label={texts.rooms.searchLabel}
        onSubmit={(e) => {
          e.preventDefault();
          onQuery(searchQuery(searchText));
        }}
      >
        <input type="search" maxLength={30} aria-label={texts.rooms.searchLabel} placeholder={texts.rooms.searchPlaceholder} value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        <button type="submit" aria-label={texts.rooms.search}>
          <Search aria-hidden="true" size={18} />
          <span className="search-label">{texts.rooms.search}</span>
        </button>
      </form>
    </div>
  );
}
