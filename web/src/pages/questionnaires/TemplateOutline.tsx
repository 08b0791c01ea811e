import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { Template } from '../../api/assessments.js';
import { SeverityBadge } from '../../components/AssessmentBadges.js';
import { answerTypeLabels, choiceLabel, describeExpectation, questionCount } from './labels.js';

type Definition = Template['definition'];
type Question = Definition['sections'][number]['questions'][number];

function Condition({ question, all }: { question: Question; all: Map<string, Question> }) {
  if (!question.showIf) return null;
  const target = all.get(question.showIf.question);
  const answers = question.showIf.anyOf
    .map((key) => (target ? choiceLabel(target, key) : key))
    .join(' or ');
  return (
    <Text size="xs" c="dimmed">
      Shown only if “{target?.text ?? question.showIf.question}” is answered {answers}.
    </Text>
  );
}

function QuestionItem({ question, all }: { question: Question; all: Map<string, Question> }) {
  const facts = [
    answerTypeLabels[question.type],
    question.required ? 'required' : 'optional',
    question.weight === 0 ? 'information only' : `weight ${question.weight}`,
  ];
  return (
    <List.Item>
      <Stack gap={2} mb="sm">
        <Text size="sm" fw={500}>
          {question.text}
        </Text>
        {question.help && (
          <Text size="xs" c="dimmed">
            {question.help}
          </Text>
        )}
        <Text size="xs">
          <code>{question.key}</code> · {facts.join(' · ')}
        </Text>
        {question.options.length > 0 && (
          <Text size="xs">Options: {question.options.map((o) => o.label).join(', ')}</Text>
        )}
        <Text size="xs">{describeExpectation(question, question.expected)}</Text>
        {question.finding && (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <SeverityBadge severity={question.finding.severity} />
            <Text size="xs">
              Finding if it falls short: {question.finding.title}
              {question.finding.remediation && ` (${question.finding.remediation})`}
            </Text>
          </Group>
        )}
        <Condition question={question} all={all} />
      </Stack>
    </List.Item>
  );
}

/** The whole template, read only: built-in templates, and any template for viewers. */
export function TemplateOutline({ definition }: { definition: Definition }) {
  const all = new Map(
    definition.sections.flatMap((section) => section.questions.map((q) => [q.key, q] as const)),
  );
  return (
    <Stack gap="md" data-testid="template-outline">
      {definition.description && <Text size="sm">{definition.description}</Text>}
      {definition.sections.map((section, si) => (
        <Paper key={section.key} withBorder radius="md" p="md" component="section">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {si + 1}. {section.title}
            </Title>
            <Badge variant="light" color="gray">
              {questionCount(section.questions.length)}
            </Badge>
          </Group>
          {section.description && (
            <Text size="sm" c="dimmed" mb="sm">
              {section.description}
            </Text>
          )}
          <List type="ordered" spacing="xs">
            {section.questions.map((question) => (
              <QuestionItem key={question.key} question={question} all={all} />
            ))}
          </List>
        </Paper>
      ))}
    </Stack>
  );
}
