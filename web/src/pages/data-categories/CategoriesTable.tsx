import { Badge, Button, Code, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { DataCategory } from '../../api/datamap.js';
import { sensitivityColors } from './legal-flags.js';
import { LegalFlagBadges } from './LegalFlagBadges.js';

/** The catalogue, one row per category, with an edit action for admins. */
export function CategoriesTable({
  categories,
  onEdit,
}: {
  categories: DataCategory[];
  onEdit?: (category: DataCategory) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Caption>
          {categories.length === 1 ? '1 category' : `${categories.length} categories`}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Key</Table.Th>
            <Table.Th scope="col">Sensitivity</Table.Th>
            <Table.Th scope="col">Legal flags</Table.Th>
            {onEdit && (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {categories.map((category) => (
            <Table.Tr key={category.key}>
              <Table.Td maw={320}>
                <Text size="sm" fw={500}>
                  {category.name}{' '}
                  {category.builtin && (
                    <Badge size="xs" variant="outline" color="gray">
                      built in
                    </Badge>
                  )}
                </Text>
                {category.description && (
                  <Text size="xs" c="dimmed">
                    {category.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Code>{category.key}</Code>
              </Table.Td>
              <Table.Td miw={110}>
                <Badge color={sensitivityColors[category.sensitivity]} variant="light">
                  {category.sensitivity}
                </Badge>
              </Table.Td>
              <Table.Td>
                <LegalFlagBadges flags={category.legalFlags} />
              </Table.Td>
              {onEdit && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    onClick={() => onEdit(category)}
                    aria-label={`Edit ${category.name}`}
                  >
                    Edit
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
