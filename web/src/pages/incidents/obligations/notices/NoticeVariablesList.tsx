import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { NOTICE_VARIABLES } from '@contracts/breach-notices.js';

/**
 * The variables a template may use (the server refuses any other), each a button that puts
 * `{{name}}` into the body last worked in, at its caret.
 */
export function NoticeVariablesList({
  onInsert,
  disabled,
}: {
  onInsert: (placeholder: string) => void;
  disabled: boolean;
}) {
  return (
    <Stack gap={6} component="section" aria-labelledby="notice-variables-heading">
      <Title order={3} size="h6" id="notice-variables-heading">
        Variables
      </Title>
      <Text size="xs" c="dimmed" id="notice-variables-help">
        Click one to insert it into the section body you last worked in, at the caret; when no body
        has been focused yet it is copied instead.
      </Text>
      <Group
        gap={4}
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label="Variables"
      >
        {NOTICE_VARIABLES.map((name) => (
          <li key={name}>
            <Button
              size="compact-xs"
              variant="default"
              ff="monospace"
              aria-describedby="notice-variables-help"
              aria-label={`Insert ${name}`}
              disabled={disabled}
              onClick={() => onInsert(`{{${name}}}`)}
            >
              {`{{${name}}}`}
            </Button>
          </li>
        ))}
      </Group>
    </Stack>
  );
}
