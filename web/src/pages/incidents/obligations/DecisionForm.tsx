import { Button, Group, Radio, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { decisionInput, DECISION_KINDS } from '@contracts/breach.js';
import {
  useRecordDecision,
  type DecisionInput,
  type DecisionKind,
  type Obligation,
} from '../../../api/breach.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { localDateTimeToIso, localTimeZone } from '../../../lib/format.js';
import { asRecord, nullable, textareaField } from '../../vendors/formValues.js';
import { options } from '../../vendors/labels.js';
import { DisclosureButton } from '../DisclosureButton.js';
import { decisionKindLabels, obligationTitle } from './labels.js';

/** A `datetime-local` value as an instant; an unreadable one goes through so the contract names it. */
function instant(value: string | undefined): string | null {
  const typed = nullable(value);
  return typed === null ? null : (localDateTimeToIso(typed) ?? typed);
}

/** The form's strings as the decision of the chosen kind, for this obligation. */
function decisionForm(obligationKey: string) {
  return z.preprocess((raw): DecisionInput => {
    const v = asRecord(raw);
    const justification = v.justification ?? '';
    const kind = v.kind as DecisionKind;
    switch (kind) {
      case 'risk_assessment':
        return {
          kind,
          obligationKey,
          conclusion: v.conclusion as 'likely' | 'unlikely',
          justification,
        };
      case 'not_applicable':
        return { kind, obligationKey, justification };
      case 'law_enforcement_delay':
        return {
          kind,
          obligationKey,
          agency: v.agency ?? '',
          from: instant(v.from) ?? '',
          until: instant(v.until),
          justification,
        };
      case 'notice_given':
        return {
          kind,
          obligationKey,
          at: instant(v.at) ?? '',
          reference: v.reference ?? '',
          justification,
        };
    }
  }, decisionInput);
}

const empty = {
  kind: 'notice_given',
  conclusion: '',
  justification: '',
  agency: '',
  from: '',
  until: '',
  at: '',
  reference: '',
};
type Values = typeof empty;

/** Fields each kind needs that the contract would name only in its own words. */
const required: Record<DecisionKind, (keyof Values)[]> = {
  risk_assessment: ['conclusion', 'justification'],
  not_applicable: ['justification'],
  law_enforcement_delay: ['agency', 'from', 'justification'],
  notice_given: ['at', 'reference'],
};

/**
 * Records a person's decision on one obligation: a risk assessment, not applicable, a
 * law-enforcement delay (only where its rule allows one) or the notice given. Folded away
 * until asked for, so a long list of duties stays readable.
 */
export function DecisionForm({
  incidentId,
  obligation,
}: {
  incidentId: string;
  obligation: Obligation;
}) {
  const [open, setOpen] = useState(false);
  const initial = useMemo(
    () => ({
      ...empty,
      kind: obligation.status === 'assessment_needed' ? 'risk_assessment' : 'notice_given',
    }),
    [obligation.status],
  );
  const schema = useMemo(() => decisionForm(obligation.key), [obligation.key]);
  const form = useZodForm(schema, initial);
  const record = useRecordDecision(incidentId);
  const kind = form.values.kind as DecisionKind;
  const baseId = `decision-${obligation.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const headingId = `${baseId}-heading`;
  const kindOptions = options(
    DECISION_KINDS.filter(
      (value) => value !== 'law_enforcement_delay' || obligation.lawEnforcementDelayAllowed,
    ),
    (value) => decisionKindLabels[value],
  );

  function submit(input: DecisionInput) {
    record.mutate(input, {
      onSuccess: (decision) => {
        notifications.show({
          color: 'teal',
          message: `${decisionKindLabels[decision.kind]} recorded for “${obligationTitle(obligation)}”.`,
        });
        form.reset();
        setOpen(false);
      },
      onError: (error) => form.applyError(error),
    });
  }

  function checkRequired(values: Values) {
    const missing = required[kind].filter((name) => !values[name].trim());
    return Object.fromEntries(
      missing.map((name) => [
        name,
        name === 'conclusion' ? 'choose likely or unlikely' : 'is required',
      ]),
    );
  }

  return (
    <Stack gap="xs">
      <DisclosureButton
        size="compact-sm"
        open={open}
        controls={baseId}
        onToggle={() => setOpen((shown) => !shown)}
      >
        Record a decision
      </DisclosureButton>
      {open && (
        <form
          id={baseId}
          onSubmit={form.submitWith(submit, checkRequired)}
          noValidate
          aria-labelledby={headingId}
        >
          <Stack gap="sm" pl="sm">
            <Title order={4} size="h6" id={headingId}>
              Record a decision on “{obligation.duty}”
            </Title>
            <FormError message={form.formError} title="The decision was not recorded" />
            <Select
              label="Decision"
              name="kind"
              data={kindOptions}
              allowDeselect={false}
              value={form.values.kind}
              onChange={(value) => value && form.setValue('kind', value)}
              error={form.errors.kind}
              w={260}
            />
            {kind === 'risk_assessment' && (
              <Radio.Group
                label="Conclusion"
                description="Is the breach likely to bring the risk or harm this law names?"
                name="conclusion"
                required
                value={form.values.conclusion}
                onChange={(value) => form.setValue('conclusion', value)}
                error={form.errors.conclusion}
              >
                <Group gap="md" mt={6}>
                  <Radio value="likely" label="Likely" />
                  <Radio value="unlikely" label="Unlikely" />
                </Group>
              </Radio.Group>
            )}
            {kind === 'law_enforcement_delay' && (
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  label="Agency"
                  description="Who asked for the delay"
                  required
                  maxLength={200}
                  w={240}
                  {...form.field('agency')}
                />
                <TextInput
                  label="From"
                  description={`Your time zone (${localTimeZone()})`}
                  type="datetime-local"
                  required
                  w={240}
                  {...form.field('from')}
                />
                <TextInput
                  label="Until"
                  description="Empty while the delay lasts"
                  type="datetime-local"
                  w={240}
                  {...form.field('until')}
                />
              </Group>
            )}
            {kind === 'notice_given' && (
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  label="Given at"
                  description={`Your time zone (${localTimeZone()})`}
                  type="datetime-local"
                  required
                  w={240}
                  {...form.field('at')}
                />
                <TextInput
                  label="Reference"
                  description="A portal case number, a mailing campaign id"
                  required
                  maxLength={300}
                  miw={240}
                  style={{ flex: 1 }}
                  {...form.field('reference')}
                />
              </Group>
            )}
            <Textarea
              label="Justification"
              description={
                kind === 'notice_given'
                  ? 'Optional: anything the record should say'
                  : 'Why, in at least 10 characters: it is kept on the timeline'
              }
              required={kind !== 'notice_given'}
              autosize
              minRows={2}
              maxRows={8}
              maxLength={5000}
              {...textareaField(form, 'justification')}
            />
            <Group>
              <Button type="submit" size="xs" variant="light" loading={record.isPending}>
                Record decision
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
