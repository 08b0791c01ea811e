import { Alert, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef } from 'react';
import { visibleQuestions } from '@contracts/questionnaires.js';
import type { PortalEvidence, PortalView } from '../../api/portal.js';
import { PortalFindings } from './PortalFindings.js';
import { PortalHeader } from './PortalHeader.js';
import { PortalQuestion } from './PortalQuestion.js';
import { PortalReadOnlyAnswer } from './PortalReadOnlyAnswer.js';
import { PortalSubmit } from './PortalSubmit.js';
import {
  progressOf,
  questionElementId,
  type AnswerPatch,
  type Answers,
  type PortalSection,
} from './answers.js';
import { usePortalAnswers, type SaveState } from './usePortalAnswers.js';

/** The questionnaire itself: editable until submitted, then a read-only record. */
export function PortalQuestionnaire({ token, view }: { token: string; view: PortalView }) {
  const portal = usePortalAnswers(token, view.answers, view.locked);
  // Once locked the server's copy is the record; until then the vendor's screen is.
  const answers = view.locked ? view.answers : portal.answers;
  const visible = useMemo(() => visibleQuestions(view.definition, answers), [view, answers]);
  const progress = progressOf(view.definition, visible, answers, view.evidence);
  const submittedNotice = useRef<HTMLDivElement>(null);
  const wasLocked = useRef(view.locked);
  useEffect(() => {
    // The submit button has just gone with the form; the notice is where the vendor is now.
    if (view.locked && !wasLocked.current) submittedNotice.current?.focus();
    wasLocked.current = view.locked;
  }, [view.locked]);

  return (
    <Stack gap="lg" py="md">
      <PortalHeader view={view} progress={progress} />
      {view.locked ? (
        <Alert
          ref={submittedNotice}
          tabIndex={-1}
          color="teal"
          variant="light"
          title="Submitted"
          icon={<IconCircleCheck aria-hidden />}
        >
          These answers were submitted and are locked. If something needs to change, contact the
          person who sent you this link.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          Your answers are saved as you go, so you can leave and come back with the same link.
          Questions marked * are required. Submit when you are done.
        </Text>
      )}
      <PortalFindings token={token} findings={view.findings} />
      {view.definition.sections.map((section) => (
        <PortalSectionCard
          key={section.key}
          token={token}
          section={section}
          visible={visible}
          answers={answers}
          evidence={view.evidence}
          locked={view.locked}
          issues={portal.issues}
          onAnswer={portal.setAnswer}
          onEvidenceChange={portal.clearIssue}
        />
      ))}
      {!view.locked && (
        <Paper
          withBorder
          shadow="sm"
          radius="md"
          p="sm"
          pos="sticky"
          bottom={8}
          style={{ zIndex: 5 }}
        >
          <Group justify="space-between" gap="sm">
            <SaveStatus state={portal.saveState} onRetry={() => void portal.flush()} />
            <PortalSubmit
              token={token}
              disabled={portal.saveState.kind === 'saving'}
              progress={progress}
              flush={portal.flush}
              onMissing={portal.showIssues}
            />
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

function PortalSectionCard({
  token,
  section,
  visible,
  answers,
  evidence,
  locked,
  issues,
  onAnswer,
  onEvidenceChange,
}: {
  token: string;
  section: PortalSection;
  visible: ReadonlySet<string>;
  answers: Answers;
  evidence: readonly PortalEvidence[];
  locked: boolean;
  issues: Record<string, string>;
  onAnswer: (key: string, value: AnswerPatch[string]) => void;
  onEvidenceChange: (key: string) => void;
}) {
  const headingId = useId();
  const questions = section.questions.filter((question) => visible.has(question.key));
  if (questions.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="lg">
      <Title order={2} size="h3" id={headingId}>
        {section.title}
      </Title>
      {section.description && (
        <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {section.description}
        </Text>
      )}
      <Stack component={locked ? 'dl' : 'div'} gap="xl" mt="lg" mb={0}>
        {questions.map((question) => {
          const given = evidence.filter((item) => item.questionKey === question.key);
          return (
            <Box key={question.key} id={questionElementId(question.key)}>
              {locked ? (
                <PortalReadOnlyAnswer
                  token={token}
                  question={question}
                  value={answers[question.key]}
                  evidence={given}
                />
              ) : (
                <PortalQuestion
                  token={token}
                  question={question}
                  value={answers[question.key]}
                  error={issues[question.key]}
                  evidence={given}
                  onChange={(value) => onAnswer(question.key, value)}
                  onEvidenceChange={() => onEvidenceChange(question.key)}
                />
              )}
            </Box>
          );
        })}
      </Stack>
    </Paper>
  );
}

function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
      <Group gap={6} wrap="nowrap" role="status" aria-live="polite">
        {state.kind === 'saving' && <Loader size="xs" aria-hidden />}
        {state.kind === 'saved' && (
          <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" aria-hidden />
        )}
        {state.kind === 'failed' && (
          <IconAlertCircle size={16} color="var(--mantine-color-red-6)" aria-hidden />
        )}
        <Text size="sm" c={state.kind === 'failed' ? 'red' : 'dimmed'}>
          {state.kind === 'idle' && 'Answers save automatically'}
          {state.kind === 'saving' && 'Saving…'}
          {state.kind === 'saved' && 'All changes saved'}
          {state.kind === 'failed' && state.message}
        </Text>
      </Group>
      {state.kind === 'failed' && (
        <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Group>
  );
}
