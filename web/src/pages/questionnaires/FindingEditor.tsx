import { Group, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { SEVERITIES } from '@contracts/questionnaires.js';
import { SeverityBadge } from '../../components/AssessmentBadges.js';
import { options } from '../vendors/labels.js';
import type { DraftQuestion } from './draft.js';

const severityOptions = options(SEVERITIES);

/**
 * The finding an answer that falls short raises. Without an expected answer nothing can fall
 * short, so the switch stays off until one is set (the contract refuses the combination).
 */
export function FindingEditor({
  name,
  question,
  errorAt,
  onChange,
}: {
  name: string;
  question: DraftQuestion;
  errorAt: (field: string) => string | undefined;
  onChange: (finding: DraftQuestion['finding']) => void;
}) {
  const finding = question.finding;
  const enabled = question.expected !== null;
  return (
    <Stack gap="xs">
      <Switch
        label="Raise a finding when the answer falls short"
        aria-label={`${name} raises a finding`}
        description={enabled ? undefined : 'Set an expected answer first.'}
        checked={finding !== null}
        disabled={!enabled && finding === null}
        onChange={(event) =>
          onChange(
            event.currentTarget.checked ? { title: '', severity: 'medium', remediation: '' } : null,
          )
        }
        error={errorAt('finding')}
      />
      {finding && (
        <Stack
          gap="xs"
          pl="md"
          style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}
        >
          <Group align="flex-start" grow>
            <TextInput
              label="Finding title"
              aria-label={`${name} finding title`}
              required
              value={finding.title}
              onChange={(event) => onChange({ ...finding, title: event.currentTarget.value })}
              error={errorAt('finding.title')}
            />
            <Select
              label="Severity"
              aria-label={`${name} finding severity`}
              data={severityOptions}
              value={finding.severity}
              allowDeselect={false}
              onChange={(value) => value && onChange({ ...finding, severity: value })}
              rightSectionWidth={90}
              rightSection={<SeverityBadge severity={finding.severity} />}
              rightSectionPointerEvents="none"
              error={errorAt('finding.severity')}
            />
          </Group>
          <Textarea
            label="Remediation"
            aria-label={`${name} finding remediation`}
            description="What the vendor should do about it."
            autosize
            minRows={2}
            value={finding.remediation}
            onChange={(event) => onChange({ ...finding, remediation: event.currentTarget.value })}
            error={errorAt('finding.remediation')}
          />
        </Stack>
      )}
    </Stack>
  );
}
