import {
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useProgram, useSaveProgram, type Program } from '../../api/reports.js';
import { FormError } from '../../components/FormError.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { fieldErrorsOf, lines } from './labels.js';

const FIELDS = [
  'inScope',
  'outOfScope',
  'safeHarbour',
  'howToReport',
  'disclosureWindowDays',
  'sla.firstResponseBusinessDays',
  'sla.triageBusinessDays',
  'sla.fixDays.critical',
  'sla.fixDays.high',
  'sla.fixDays.medium',
  'sla.fixDays.low',
  'timezone',
  'holidayCountry',
  'proofOfWorkBits',
  'linkDays',
] as const;

/** The vulnerability disclosure programme (admins): the policy page and the SLA targets. */
export function ProgramPage() {
  const program = useProgram();
  return (
    <>
      <PageHeader
        title="Disclosure programme"
        description="What the public policy page says, the SLA targets reports are held to, and how the report form keeps bots out."
      />
      {program.isPending && <Loader aria-label="Loading the programme" />}
      {program.isError && (
        <QueryError error={program.error} onRetry={() => void program.refetch()} />
      )}
      {program.data && <ProgramForm key={JSON.stringify(program.data)} program={program.data} />}
    </>
  );
}

function ProgramForm({ program }: { program: Program }) {
  const save = useSaveProgram();
  const [inScope, setInScope] = useState(program.inScope.join('\n'));
  const [outOfScope, setOutOfScope] = useState(program.outOfScope.join('\n'));
  const [safeHarbour, setSafeHarbour] = useState(program.safeHarbour);
  const [howToReport, setHowToReport] = useState(program.howToReport);
  const [timezone, setTimezone] = useState(program.timezone);
  const [holidayCountry, setHolidayCountry] = useState(program.holidayCountry ?? '');
  const [numbers, setNumbers] = useState<Record<string, number | string>>({
    disclosureWindowDays: program.disclosureWindowDays,
    'sla.firstResponseBusinessDays': program.sla.firstResponseBusinessDays,
    'sla.triageBusinessDays': program.sla.triageBusinessDays,
    'sla.fixDays.critical': program.sla.fixDays.critical,
    'sla.fixDays.high': program.sla.fixDays.high,
    'sla.fixDays.medium': program.sla.fixDays.medium,
    'sla.fixDays.low': program.sla.fixDays.low,
    proofOfWorkBits: program.proofOfWorkBits,
    linkDays: program.linkDays,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const n = (key: string) => Number(numbers[key]);
  const number = (key: string, label: string, description?: string) => (
    <NumberInput
      label={label}
      description={description}
      allowDecimal={false}
      allowNegative={false}
      value={numbers[key]}
      onChange={(value) => setNumbers((current) => ({ ...current, [key]: value }))}
      error={errors[key]}
    />
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    save.mutate(
      {
        inScope: lines(inScope),
        outOfScope: lines(outOfScope),
        safeHarbour,
        howToReport,
        disclosureWindowDays: n('disclosureWindowDays'),
        sla: {
          firstResponseBusinessDays: n('sla.firstResponseBusinessDays'),
          triageBusinessDays: n('sla.triageBusinessDays'),
          fixDays: {
            critical: n('sla.fixDays.critical'),
            high: n('sla.fixDays.high'),
            medium: n('sla.fixDays.medium'),
            low: n('sla.fixDays.low'),
          },
        },
        timezone: timezone.trim(),
        holidayCountry: holidayCountry.trim().toUpperCase() || null,
        proofOfWorkBits: n('proofOfWorkBits'),
        linkDays: n('linkDays'),
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Programme saved.' }),
        onError: (e) => {
          const found = fieldErrorsOf(e, FIELDS);
          setErrors(found.fields);
          setFormError(found.message);
        },
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={submit} noValidate aria-label="Disclosure programme">
        <Stack gap="md">
          <FormError message={formError} title="The programme was not saved" />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label="In scope"
              description="One asset per line"
              autosize
              minRows={3}
              value={inScope}
              onChange={(e) => setInScope(e.currentTarget.value)}
              error={errors.inScope}
            />
            <Textarea
              label="Out of scope"
              description="One per line"
              autosize
              minRows={3}
              value={outOfScope}
              onChange={(e) => setOutOfScope(e.currentTarget.value)}
              error={errors.outOfScope}
            />
          </SimpleGrid>
          <Textarea
            label="Safe harbour"
            autosize
            minRows={3}
            value={safeHarbour}
            onChange={(e) => setSafeHarbour(e.currentTarget.value)}
            error={errors.safeHarbour}
          />
          <Textarea
            label="How to report"
            autosize
            minRows={3}
            value={howToReport}
            onChange={(e) => setHowToReport(e.currentTarget.value)}
            error={errors.howToReport}
          />
          <Title order={2} size="h4">
            SLA targets
          </Title>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {number('sla.firstResponseBusinessDays', 'First response (business days)')}
            {number('sla.triageBusinessDays', 'Triage (business days)')}
            {number('disclosureWindowDays', 'Disclosure window (days)')}
            {number('sla.fixDays.critical', 'Fix critical within (days)')}
            {number('sla.fixDays.high', 'Fix high within (days)')}
            {number('sla.fixDays.medium', 'Fix medium within (days)')}
            {number('sla.fixDays.low', 'Fix low within (days)')}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput
              label="Time zone"
              description="Business days are counted in this zone, e.g. Europe/Berlin"
              value={timezone}
              onChange={(e) => setTimezone(e.currentTarget.value)}
              error={errors.timezone}
            />
            <TextInput
              label="Public holidays of"
              description="Two-letter country code, e.g. DE; empty for none"
              maxLength={2}
              value={holidayCountry}
              onChange={(e) => setHolidayCountry(e.currentTarget.value)}
              error={errors.holidayCountry}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {number(
              'proofOfWorkBits',
              'Proof-of-work bits',
              '0 turns it off; each bit doubles the work a browser does before sending a report',
            )}
            {number('linkDays', 'Researcher links last (days)')}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save programme
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
