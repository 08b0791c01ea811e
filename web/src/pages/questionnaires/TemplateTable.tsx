import { Badge, Button, Code, Group, Table, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import type { TemplateSummary } from '../../api/assessments.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { humanize } from '../vendors/labels.js';
import type { CopySource } from './CopyTemplateModal.js';
import { ExportTemplateButton } from './ExportTemplateButton.js';

export function TemplateTable({
  templates,
  canWrite,
  onCopy,
}: {
  templates: TemplateSummary[];
  canWrite: boolean;
  onCopy: (source: CopySource) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="questionnaires-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Questionnaire</Table.Th>
            <Table.Th scope="col">Key</Table.Th>
            <Table.Th scope="col">Level</Table.Th>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Questions</Table.Th>
            <Table.Th scope="col">Updated</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {templates.map((template) => (
            <Table.Tr key={template.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <AnchorLink
                    to="/questionnaires/$templateId"
                    params={{ templateId: template.id }}
                    fw={500}
                    size="sm"
                  >
                    {template.name}
                  </AnchorLink>
                  {template.builtIn && (
                    <Badge size="xs" variant="light" color="gray">
                      Built in
                    </Badge>
                  )}
                </Group>
                {template.description && (
                  <Text size="xs" c="dimmed" lineClamp={1} maw={420}>
                    {template.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Code>{template.key}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{template.level ? humanize(template.level) : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{template.version}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{template.questionCount}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <LocalTime iso={template.updatedAt} />
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <ExportTemplateButton id={template.id} name={template.name} />
                  {canWrite && template.builtIn && (
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconCopy size={14} aria-hidden />}
                      onClick={() => onCopy(template)}
                      aria-label={`Copy ${template.name}`}
                    >
                      Copy
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
