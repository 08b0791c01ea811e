import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dataCategoriesKey, fetchDataCategories } from '../../api/vendors.js';

/** The data category catalogue as picker options (same cache as the data map pages). */
export function useDataCategories() {
  const query = useQuery({
    queryKey: dataCategoriesKey,
    queryFn: fetchDataCategories,
    staleTime: 60_000,
  });
  const options = useMemo(
    () =>
      (query.data ?? []).map((category) => ({
        value: category.key,
        label: `${category.name} (${category.key})`,
      })),
    [query.data],
  );
  return { query, options };
}
