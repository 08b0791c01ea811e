import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { templateDefinition, type TemplateDefinition } from '@contracts/questionnaires.js';
import { FormError } from '../../components/FormError.js';
import { IssueList } from './IssueList.js';
import { clientIssues, type TemplateIssue } from './issues.js';

/**
 * The definition as raw JSON, for pasting or bulk edits. Nothing reaches the form until the
 * text parses and passes the same contract the server applies, so the form never holds a
 * shape it cannot show.
 */
export function JsonDefinitionEditor({
  definition,
  onApply,
}: {
  definition: unknown;
  onApply: (definition: TemplateDefinition) => void;
}) {
  const [initial] = useState(() => JSON.stringify(definition, null, 2));
  const [text, setText] = useState(initial);
  const [parseError, setParseError] = useState<string | null>(null);
  const [issues, setIssues] = useState<TemplateIssue[]>([]);

  function apply() {
    setParseError(null);
    setIssues([]);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      setParseError(
        `This is not valid JSON${error instanceof SyntaxError ? `: ${error.message}` : ''}.`,
      );
      return;
    }
    const result = templateDefinition.safeParse(value);
    if (result.success) onApply(result.data);
    else setIssues(clientIssues(result.error));
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        The definition as the API and Export JSON write it (without the key and version). Changes
        here reach the questionnaire only when you apply them (apply before saving); turning JSON
        off discards them.
      </Text>
      <FormError message={parseError} title="Could not read the JSON" />
      <IssueList
        issues={issues}
        title="The JSON was not applied"
        intro="It does not describe a valid questionnaire:"
      />
      <Textarea
        label="Definition as JSON"
        autosize
        minRows={16}
        maxRows={40}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      />
      <Group>
        <Button onClick={apply}>Apply JSON</Button>
        <Button variant="default" onClick={() => setText(initial)} disabled={text === initial}>
          Undo JSON changes
        </Button>
      </Group>
    </Stack>
  );
}
