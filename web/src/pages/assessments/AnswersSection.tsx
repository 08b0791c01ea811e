import { Badge, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Fragment, useMemo } from 'react';
import { visibleQuestions } from '@contracts/questionnaires.js';
import type { AssessmentDetail } from '../../api/assessments.js';
import { outcomeColors, type QuestionOutcome } from '../../components/AssessmentBadges.js';
import { answerText, expectedText, outcomeLabels, type StoredQuestion } from './assessmentText.js';
import { EvidenceList } from './EvidenceList.js';

function OutcomeBadge({ outcome }: { outcome: QuestionOutcome }) {
  return (
    <Badge
      color={outcomeColors[outcome]}
      variant="light"
      aria-label={`Outcome ${outcomeLabels[outcome]}`}
    >
      {outcomeLabels[outcome]}
    </Badge>
  );
}

function QuestionAnswer({
  detail,
  question,
  outcome,
}: {
  detail: AssessmentDetail;
  question: StoredQuestion;
  outcome: QuestionOutcome | undefined;
}) {
  const answer = answerText(question, detail.answers[question.key]);
  const expected = expectedText(question);
  return (
    <Stack gap={4} data-question={question.key} className="assessment-keep-together">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text fw={500} size="sm">
          {question.text}
        </Text>
        {outcome && <OutcomeBadge outcome={outcome} />}
      </Group>
      {question.type === 'file' ? (
        <EvidenceList
          assessmentId={detail.id}
          items={detail.evidence.filter((item) => item.questionKey === question.key)}
        />
      ) : (
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap' }}
          c={answer === null ? 'dimmed' : undefined}
        >
          {answer ?? 'No answer'}
        </Text>
      )}
      {expected && (
        <Text size="xs" c="dimmed">
          {expected}
        </Text>
      )}
    </Stack>
  );
}

/** The answers as the vendor gave them: only questions their own answers made visible. */
export function AnswersSection({ detail }: { detail: AssessmentDetail }) {
  const visible = useMemo(
    () => visibleQuestions(detail.definition, detail.answers),
    [detail.definition, detail.answers],
  );
  const outcomes = useMemo(
    () => new Map(detail.results.map((result) => [result.key, result.outcome])),
    [detail.results],
  );
  const sections = detail.definition.sections
    .map((section) => ({
      ...section,
      questions: section.questions.filter((question) => visible.has(question.key)),
    }))
    .filter((section) => section.questions.length > 0);

  return (
    <Stack gap="md" component="section" aria-labelledby="answers-heading">
      <Title order={2} size="h3" id="answers-heading">
        Answers
      </Title>
      {detail.submittedAt === null && (
        <Text size="sm" c="dimmed">
          The vendor has not submitted yet; these are their answers so far.
        </Text>
      )}
      {sections.map((section) => (
        <Paper
          key={section.key}
          withBorder
          radius="md"
          p="md"
          component="section"
          aria-labelledby={`section-${section.key}`}
        >
          <Title order={3} size="h4" id={`section-${section.key}`}>
            {section.title}
          </Title>
          {section.description && (
            <Text size="sm" c="dimmed">
              {section.description}
            </Text>
          )}
          <Stack gap="sm" mt="sm">
            {section.questions.map((question, index) => (
              <Fragment key={question.key}>
                {index > 0 && <Divider />}
                <QuestionAnswer
                  detail={detail}
                  question={question}
                  outcome={outcomes.get(question.key)}
                />
              </Fragment>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
