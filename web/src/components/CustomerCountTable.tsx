import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatCount } from './counts.js';

/**
 * A striped table of customer counts: the given columns, then Customers on the right. The rows
 * are the caller's, each ending in a CustomersCell.
 */
export function CustomerCountTable({
  caption,
  columns,
  minWidth,
  dense = false,
  testId,
  children,
}: {
  caption: string;
  columns: readonly string[];
  minWidth: number;
  /** Tighter rows in a smaller font, for tables that run long. */
  dense?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table
        verticalSpacing={dense ? 4 : 'xs'}
        fz={dense ? 'sm' : undefined}
        striped
        data-testid={testId}
      >
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column} scope="col">
                {column}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              Customers
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The last cell of a CustomerCountTable row. */
export function CustomersCell({ customers }: { customers: number }) {
  return <Table.Td ta="right">{formatCount(customers)}</Table.Td>;
}
