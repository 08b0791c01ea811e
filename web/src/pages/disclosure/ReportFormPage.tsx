import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Code,
  Container,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconExternalLink } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  fetchChallenge,
  submitReport,
  tokenOfLink,
  uploadThreadAttachment,
  type NewReport,
  type ReportReceipt,
  type Severity,
} from '../../api/reports.js';
import { BrandMark } from '../../components/BrandMark.js';
import { CopyButton } from '../../components/CopyButton.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { ThemeToggle } from '../../components/ThemeToggle.js';
import { fieldErrorsOf, severityOptions } from './labels.js';
import { solveChallenge } from './proofOfWork.js';

/** Where the server renders the disclosure policy (the trust center's policy page). */
export const POLICY_URL = '/trust/vulnerability-disclosure';

const FIELDS = [
  'title',
  'description',
  'steps',
  'asset',
  'suggestedSeverity',
  'contact',
  'notify',
  'credit',
  'proof',
] as const;

interface Values {
  title: string;
  description: string;
  steps: string;
  asset: string;
  suggestedSeverity: string | null;
  contactName: string;
  contactEmail: string;
  notify: boolean;
  creditName: string;
  creditOptIn: boolean;
  website: string;
}

const empty: Values = {
  title: '',
  description: '',
  steps: '',
  asset: '',
  suggestedSeverity: null,
  contactName: '',
  contactEmail: '',
  notify: false,
  creditName: '',
  creditOptIn: false,
  website: '',
};

interface Sent {
  receipt: ReportReceipt;
  uploadFailures: string[];
}

/** The public form for reporting a vulnerability: no account, no session. */
export function ReportFormPage() {
  const [values, setValues] = useState<Values>(empty);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      const field = key.startsWith('contact')
        ? 'contact'
        : key.startsWith('credit')
          ? 'credit'
          : key;
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };

  const send = useMutation({
    mutationFn: async (input: NewReport): Promise<Sent> => {
      setWorking('Checking you are not a bot…');
      const challenge = await fetchChallenge();
      const proof =
        challenge.bits > 0
          ? {
              challenge: challenge.challenge,
              nonce: await solveChallenge(challenge.challenge, challenge.bits, (tries) =>
                setWorking(`Checking you are not a bot… (${tries.toLocaleString()} tries)`),
              ),
            }
          : undefined;
      setWorking('Sending the report…');
      const receipt = await submitReport({ ...input, ...(proof ? { proof } : {}) });
      const uploadFailures: string[] = [];
      const token = tokenOfLink(receipt.link);
      for (const [index, file] of files.entries()) {
        setWorking(`Uploading ${file.name} (${index + 1} of ${files.length})…`);
        await uploadThreadAttachment(token, file).catch(() => uploadFailures.push(file.name));
      }
      return { receipt, uploadFailures };
    },
    onSettled: () => setWorking(null),
    onError: (error) => {
      const { fields, message } = fieldErrorsOf(error, FIELDS);
      setErrors(fields);
      setFormError(message);
      const first = Object.keys(fields)[0];
      if (first)
        window.requestAnimationFrame(() =>
          document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus(),
        );
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!values.title.trim()) local.title = 'is required';
    if (!values.description.trim()) local.description = 'is required';
    if (!values.asset.trim()) local.asset = 'is required';
    if (values.notify && !values.contactEmail.trim())
      local.notify = 'needs your email address to send updates to';
    if (values.creditOptIn && !values.creditName.trim())
      local.credit = 'give the name to credit you under';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    const hasContact = values.contactName.trim() || values.contactEmail.trim();
    send.mutate({
      title: values.title.trim(),
      description: values.description,
      steps: values.steps,
      asset: values.asset.trim(),
      suggestedSeverity: (values.suggestedSeverity as Severity | null) ?? null,
      contact: hasContact
        ? {
            name: values.contactName.trim() || null,
            email: values.contactEmail.trim() || null,
          }
        : null,
      notify: values.notify,
      credit: values.creditName.trim()
        ? { name: values.creditName.trim(), optIn: values.creditOptIn }
        : null,
      website: values.website,
    });
  }

  if (send.data) return <Receipt sent={send.data} />;

  return (
    <PublicShell>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            Report a vulnerability
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            Found a security problem in our shop? Tell us here; no account is needed. Please read
            the <Anchor href={POLICY_URL}>vulnerability disclosure policy</Anchor> first: it says
            what is in scope and how we protect researchers acting in good faith.
          </Text>
        </div>
        <Paper withBorder radius="md" p="lg">
          <form onSubmit={submit} noValidate aria-label="Vulnerability report">
            <Stack gap="md">
              <FormError message={formError} title="The report was not sent" />
              <TextInput
                label="Title"
                description="A short summary, e.g. “Stored XSS in product reviews”"
                required
                maxLength={200}
                data-field="title"
                value={values.title}
                onChange={(e) => set('title', e.currentTarget.value)}
                error={errors.title}
              />
              <TextInput
                label="Affected asset"
                description="The URL, app or system where the problem is"
                required
                maxLength={300}
                data-field="asset"
                value={values.asset}
                onChange={(e) => set('asset', e.currentTarget.value)}
                error={errors.asset}
              />
              <Textarea
                label="Description"
                description="What the problem is and what an attacker could do. Markdown is supported."
                required
                autosize
                minRows={5}
                data-field="description"
                value={values.description}
                onChange={(e) => set('description', e.currentTarget.value)}
                error={errors.description}
              />
              <Textarea
                label="Steps to reproduce"
                description="Markdown is supported."
                autosize
                minRows={4}
                data-field="steps"
                value={values.steps}
                onChange={(e) => set('steps', e.currentTarget.value)}
                error={errors.steps}
              />
              <Select
                label="Suggested severity"
                placeholder="Not sure"
                data={severityOptions}
                clearable
                data-field="suggestedSeverity"
                value={values.suggestedSeverity}
                onChange={(value) => set('suggestedSeverity', value)}
                error={errors.suggestedSeverity}
              />
              <FileInput
                label="Attachments"
                description="Screenshots, proof-of-concept files; at most 25 MB each"
                placeholder="Choose files"
                multiple
                clearable
                value={files}
                onChange={setFiles}
              />
              <Title order={2} size="h4" mt="sm">
                How to reach you (optional)
              </Title>
              <Group grow align="flex-start">
                <TextInput
                  label="Your name"
                  autoComplete="name"
                  maxLength={200}
                  value={values.contactName}
                  onChange={(e) => set('contactName', e.currentTarget.value)}
                />
                <TextInput
                  label="Your email"
                  type="email"
                  autoComplete="email"
                  data-field="contact"
                  value={values.contactEmail}
                  onChange={(e) => set('contactEmail', e.currentTarget.value)}
                  error={errors.contact}
                />
              </Group>
              <Checkbox
                label="Email me updates"
                description="We send a short note when the report changes; the details stay behind your private link."
                data-field="notify"
                checked={values.notify}
                onChange={(e) => set('notify', e.currentTarget.checked)}
                error={errors.notify}
              />
              <Group grow align="flex-start">
                <TextInput
                  label="Credit name"
                  description="The name or handle to thank you under"
                  maxLength={100}
                  data-field="credit"
                  value={values.creditName}
                  onChange={(e) => set('creditName', e.currentTarget.value)}
                  error={errors.credit}
                />
              </Group>
              <Checkbox
                label="Credit me publicly in the advisory and hall of fame"
                checked={values.creditOptIn}
                onChange={(e) => set('creditOptIn', e.currentTarget.checked)}
              />
              {/* A honeypot: hidden from people and screen readers, filled in by bots. */}
              <Box
                aria-hidden="true"
                style={{
                  position: 'absolute',
                  left: '-10000px',
                  width: 1,
                  height: 1,
                  overflow: 'hidden',
                }}
              >
                <label htmlFor="report-website">Leave this empty</label>
                <input
                  id="report-website"
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                  value={values.website}
                  onChange={(e) => set('website', e.currentTarget.value)}
                />
              </Box>
              {errors.proof && (
                <FormError message={`The bot check failed: ${errors.proof}`} title="Try again" />
              )}
              {working && (
                <Text size="sm" c="dimmed" role="status" aria-live="polite">
                  {working}
                </Text>
              )}
              <Group>
                <Button type="submit" loading={send.isPending}>
                  Send report
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </PublicShell>
  );
}

function Receipt({ sent }: { sent: Sent }) {
  const { receipt, uploadFailures } = sent;
  return (
    <PublicShell>
      <Stack gap="lg">
        <Title order={1} size="h2">
          Thank you: report #{receipt.number} received
        </Title>
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <Text size="sm">
              This is your private link to the report. Use it to follow the report, answer the
              team&rsquo;s questions and add files.
            </Text>
            <Code block data-testid="receipt-link" aria-label="Your private link">
              {receipt.link}
            </Code>
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              Keep this link private and save it now: anyone who has it can read and write to your
              report, and it is shown only once. It works until{' '}
              <LocalTime iso={receipt.expiresAt} />.
            </Alert>
            {uploadFailures.length > 0 && (
              <FormError
                title="Some files were not uploaded"
                message={`Add them again from the report page: ${uploadFailures.join(', ')}`}
              />
            )}
            <Group>
              <CopyButton value={receipt.link} label="Copy link" size="sm" />
              <Button
                component="a"
                href={receipt.link}
                rightSection={<IconExternalLink size={16} aria-hidden />}
              >
                Open my report
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </PublicShell>
  );
}

export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group justify="space-between" p="md">
        <BrandMark />
        <ThemeToggle />
      </Group>
      <Container component="main" size="md" px="md" pb="xl">
        {children}
      </Container>
    </Box>
  );
}
