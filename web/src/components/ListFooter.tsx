import { Group, Pagination, Text } from '@mantine/core';

/** The count line and page picker under a paged list (vendors, assessments). */
export function ListFooter({
  total,
  noun,
  updating,
  page,
  pages,
  onPage,
}: {
  total: number;
  /** Singular and plural, e.g. ['vendor', 'vendors']. */
  noun: [string, string];
  updating: boolean;
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {total === 1 ? `1 ${noun[0]}` : `${total} ${noun[1]}`}
        {updating && ' (updating…)'}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={onPage}
          aria-label={`${noun[0].charAt(0).toUpperCase()}${noun[0].slice(1)} pages`}
          getControlProps={(control) => ({
            'aria-label': control === 'next' ? 'Next page' : 'Previous page',
          })}
          getItemProps={(item) => ({ 'aria-label': `Page ${item}` })}
        />
      )}
    </Group>
  );
}
