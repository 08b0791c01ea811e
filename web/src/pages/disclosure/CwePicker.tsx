import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useCwes, type Cwe } from '../../api/reports.js';

/** Searches the CWE list on the server (by id or name) and picks one weakness. */
export function CwePicker({
  value,
  onChange,
  error,
  label = 'Weakness (CWE)',
}: {
  value: Cwe | null;
  onChange: (cwe: Cwe | null) => void;
  error?: string | undefined;
  label?: string;
}) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const cwes = useCwes(query);
  const found = cwes.data ?? [];
  const options = (value && !found.some((c) => c.id === value.id) ? [value, ...found] : found).map(
    (cwe) => ({ value: cwe.id, label: `${cwe.id} ${cwe.name}` }),
  );
  return (
    <Select
      label={label}
      placeholder="Search by id or name, e.g. CWE-639 or authorization"
      searchable
      clearable
      data={options}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already filtered by the search.
      filter={({ options: all }) => all}
      nothingFoundMessage={cwes.isFetching ? 'Searching…' : 'No CWE matches'}
      onChange={(id) => {
        const picked = [...(value ? [value] : []), ...found].find((cwe) => cwe.id === id);
        onChange(picked ?? null);
      }}
      error={error}
    />
  );
}
