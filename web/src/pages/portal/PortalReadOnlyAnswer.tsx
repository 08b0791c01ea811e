import { Box, Text } from '@mantine/core';
import type { AnswerValue, PortalEvidence } from '../../api/portal.js';
import { formatDay } from '../vendors/labels.js';
import { PortalEvidenceList } from './PortalEvidence.js';
import { yesNoLabels, type QuestionSpec } from './answers.js';

function answerText(question: QuestionSpec, value: AnswerValue | undefined): string | null {
  if (value === undefined || value === '') return null;
  const label = (key: string) =>
    question.options.find((option) => option.key === key)?.label ?? key;
  switch (question.type) {
    case 'yes_no_na':
      return yesNoLabels[String(value)] ?? String(value);
    case 'single_choice':
      return label(String(value));
    case 'multi_choice':
      return Array.isArray(value) && value.length > 0 ? value.map(label).join(', ') : 'None';
    case 'date':
      return formatDay(String(value));
    default:
      return String(value);
  }
}

/** A submitted answer as text: a term and its description, for the section's list. */
export function PortalReadOnlyAnswer({
  token,
  question,
  value,
  evidence,
}: {
  token: string;
  question: QuestionSpec;
  value: AnswerValue | undefined;
  evidence: readonly PortalEvidence[];
}) {
  const text = answerText(question, value);
  return (
    <>
      <Text component="dt" size="sm" fw={500}>
        {question.text}
      </Text>
      <Box component="dd" m={0} mt={4}>
        {question.type === 'file' ? (
          <PortalEvidenceList token={token} evidence={evidence} />
        ) : (
          <Text size="sm" c={text ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
            {text ?? 'Not answered'}
          </Text>
        )}
      </Box>
    </>
  );
}
