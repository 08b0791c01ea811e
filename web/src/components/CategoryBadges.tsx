import { Badge, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { datamapKeys, fetchDataCategories } from '../api/datamap.js';

/** Category names for keys, from the cached catalogue; unknown keys show as they are. */
export function useCategoryNames(): (key: string) => string {
  const categories = useQuery({
    queryKey: datamapKeys.categories,
    queryFn: fetchDataCategories,
    staleTime: 60_000,
  });
  const data = categories.data;
  return useMemo(() => {
    const names = new Map((data ?? []).map((c) => [c.key, c.name]));
    return (key: string) => names.get(key) ?? key;
  }, [data]);
}

/** Data categories as small badges, highlighting any that were not declared. */
export function CategoryBadges({
  keys,
  undeclared = [],
}: {
  keys: readonly string[];
  undeclared?: readonly string[];
}) {
  const nameOf = useCategoryNames();
  if (keys.length === 0)
    return (
      <Text span size="sm" c="dimmed">
        none recorded
      </Text>
    );
  return (
    <Group gap={4}>
      {keys.map((key) => {
        const isUndeclared = undeclared.includes(key);
        return (
          <Badge key={key} size="sm" variant="light" color={isUndeclared ? 'red' : 'gray'}>
            {nameOf(key)}
            {isUndeclared ? ' (undeclared)' : ''}
          </Badge>
        );
      })}
    </Group>
  );
}
