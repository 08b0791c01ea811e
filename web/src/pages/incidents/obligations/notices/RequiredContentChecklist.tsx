import { Badge, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { isMet, type ContentElement, type NoticeDraft } from './noticeDraft.js';

/**
 * What the rule requires the notice to say, each ticked as soon as the draft provides it, so
 * the editor sees what a save would refuse before saving. Elements owed only by a late notice
 * count too: the server asks every template to be ready for one.
 */
export function RequiredContentChecklist({
  content,
  draft,
}: {
  content: readonly ContentElement[];
  draft: NoticeDraft;
}) {
  const met = content.filter((element) => isMet(element, draft)).length;
  return (
    <Stack gap={6} component="section" aria-labelledby="notice-required-content-heading">
      <Title order={3} size="h6" id="notice-required-content-heading">
        Required content ({met} of {content.length})
      </Title>
      {content.length === 0 ? (
        <Text size="sm" c="dimmed">
          This rule names nothing a notice must say.
        </Text>
      ) : (
        <List
          size="sm"
          spacing={6}
          center
          aria-label="Required content"
          data-testid="notice-required-content"
        >
          {content.map((element) => (
            <ChecklistItem key={element.id} element={element} met={isMet(element, draft)} />
          ))}
        </List>
      )}
    </Stack>
  );
}

function ChecklistItem({ element, met }: { element: ContentElement; met: boolean }) {
  return (
    <List.Item
      aria-label={`${element.label}: ${met ? 'provided' : 'missing'}`}
      icon={
        <ThemeIcon size={20} radius="xl" variant="light" color={met ? 'teal' : 'gray'}>
          {met ? <IconCheck size={14} aria-hidden /> : <IconCircleDashed size={14} aria-hidden />}
        </ThemeIcon>
      }
    >
      <Text span size="sm">
        {element.label}
      </Text>
      {element.heading && (
        <Badge ml={6} size="xs" variant="outline" style={{ textTransform: 'none' }}>
          {element.id === 'title' ? 'as the title or a heading' : 'as a heading, word for word'}
        </Badge>
      )}
      {element.when && (
        <Badge ml={6} size="xs" color="orange" variant="outline" style={{ textTransform: 'none' }}>
          {element.when === 'late' ? 'only in a late notice' : `only when ${element.when}`}
        </Badge>
      )}
      {element.citation && (
        <Text span size="xs" c="dimmed">
          {' '}
          ({element.citation})
        </Text>
      )}
    </List.Item>
  );
}
