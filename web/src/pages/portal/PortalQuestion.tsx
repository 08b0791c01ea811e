import {
  Checkbox,
  Group,
  Input,
  NumberInput,
  Radio,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useId, useState } from 'react';
import type { AnswerValue, PortalEvidence } from '../../api/portal.js';
import { PortalEvidenceField } from './PortalEvidence.js';
import { yesNoLabels, type QuestionSpec } from './answers.js';

interface PortalQuestionProps {
  token: string;
  question: QuestionSpec;
  value: AnswerValue | undefined;
  error: string | undefined;
  evidence: readonly PortalEvidence[];
  onChange: (value: AnswerValue | null) => void;
  onEvidenceChange: () => void;
}

const asText = (value: AnswerValue | undefined) => (typeof value === 'string' ? value : '');
/** Empty means "no answer": the server is told to clear it rather than store "". */
const textOrNull = (value: string) => (value === '' ? null : value);

/** One question with the input its answer type calls for, labelled by the question's text. */
export function PortalQuestion(props: PortalQuestionProps) {
  const { question, value, error, onChange } = props;
  const common = {
    label: question.text,
    description: question.help || undefined,
    required: question.required,
    error,
  };

  switch (question.type) {
    case 'yes_no_na':
      return (
        <Radio.Group {...common} value={asText(value)} onChange={onChange}>
          <Group gap="lg" mt="xs">
            {Object.entries(yesNoLabels).map(([key, label]) => (
              <Radio key={key} value={key} label={label} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'single_choice':
      return (
        <Radio.Group {...common} value={asText(value)} onChange={onChange}>
          <Stack gap="xs" mt="xs">
            {question.options.map((option) => (
              <Radio key={option.key} value={option.key} label={option.label} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multi_choice':
      return (
        <Checkbox.Group
          {...common}
          value={Array.isArray(value) ? value : []}
          onChange={(picked) => onChange(picked.length > 0 ? picked : null)}
        >
          <Stack gap="xs" mt="xs">
            {question.options.map((option) => (
              <Checkbox key={option.key} value={option.key} label={option.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={12}
          maxLength={10_000}
          value={asText(value)}
          onChange={(event) => onChange(textOrNull(event.currentTarget.value))}
        />
      );
    case 'number':
      return <NumberAnswer {...props} common={common} />;
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          w={{ base: '100%', xs: 220 }}
          value={asText(value)}
          onChange={(event) => onChange(textOrNull(event.currentTarget.value))}
        />
      );
    case 'file':
      return <FileAnswer {...props} common={common} />;
  }
}

type WithCommon = PortalQuestionProps & {
  common: { label: string; description?: string; required: boolean; error?: string };
};

/**
 * NumberInput reports half-typed values ("-", "1.") as strings. They stay on screen but are
 * not saved, so the vendor is not told "must be a number" in the middle of typing one.
 */
function NumberAnswer({ value, onChange, common }: WithCommon) {
  const [draft, setDraft] = useState<string | number>(
    typeof value === 'number' || typeof value === 'string' ? value : '',
  );
  return (
    <NumberInput
      {...common}
      w={{ base: '100%', xs: 220 }}
      value={draft}
      onChange={(next) => {
        setDraft(next);
        if (typeof next === 'number') onChange(next);
        else if (next === '') onChange(null);
      }}
    />
  );
}

/** A file question is answered by its evidence, so it is a labelled group, not an input. */
function FileAnswer({ token, question, evidence, onEvidenceChange, common }: WithCommon) {
  const id = useId();
  const labelId = `${id}-label`;
  const describedBy = [
    common.description ? `${id}-description` : null,
    common.error ? `${id}-error` : null,
  ].filter(Boolean);
  return (
    <Input.Wrapper
      {...common}
      id={id}
      labelElement="div"
      labelProps={{ id: labelId }}
      descriptionProps={{ id: `${id}-description` }}
      errorProps={{ id: `${id}-error` }}
    >
      <div role="group" aria-labelledby={labelId}>
        <PortalEvidenceField
          token={token}
          question={question}
          evidence={evidence}
          describedBy={describedBy.join(' ')}
          invalid={Boolean(common.error)}
          onChange={onEvidenceChange}
        />
      </div>
    </Input.Wrapper>
  );
}
