import { useState } from 'react';
import type { Category, RoomQuery } from '../api';
import { texts } from '../texts';
import { isSelected, searchQuery } from './room-query';

type RoomFiltersProps = { categories: Category[]; query: RoomQuery; onQuery: (query: RoomQuery) => void };

export function RoomFilters({ categories, query, onQuery }: RoomFiltersProps) {
  const [searchText, setSearchText] = useState('');
  const chip = (candidate: RoomQuery) => (isSelected(query, candidate) ? 'chip active' : 'chip');
  return (
    <div className="filters">
      <button type="button" className={chip({ kind: 'all' })} onClick={() => onQuery({ kind: 'all' })}>{texts.rooms.all}</button>
      <button type="button" className={chip({ kind: 'possible' })} data-testid="filter-possible" onClick={() => onQuery({ kind: 'possible' })}>{texts.rooms.possible}</button>
      {categories.map((c) => (
        <button key={c.id} type="button" className={chip({ kind: 'category', categoryId: c.id })} onClick={() => onQuery({ kind: 'category', categoryId: c.id })}>
          {c.name}
        </button>
      ))}
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          onQuery(searchQuery(searchText));
        }}
      >
        <input type="search" maxLength={30} placeholder={texts.rooms.searchPlaceholder} value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        <button type="submit">{texts.rooms.search}</button>
      </form>
    </div>
  );
}
