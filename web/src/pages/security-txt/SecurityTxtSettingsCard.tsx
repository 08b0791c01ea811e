import { Paper, Text, Title } from '@mantine/core';
import { useSaveSecurityTxt, type SecurityTxtView } from '../../api/disclosure.js';
import { SecurityTxtForm } from './SecurityTxtForm.js';
import { LIST_FIELDS } from './securityTxtForm.js';

/** The fields the file is built from; empty until the first save. */
export function SecurityTxtSettingsCard({ view }: { view: SecurityTxtView | null }) {
  // Held here, not in the form: the form starts afresh from each saved version, and a
  // mutation whose component is gone would not report back.
  const save = useSaveSecurityTxt();
  // Only the saved fields restart the form: a new signing key or a renewal leaves edits alone.
  const version = view
    ? JSON.stringify([
        ...LIST_FIELDS.map((key) => view[key]),
        view.preferredLanguages,
        view.expiresDays,
      ])
    : 'new';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="securitytxt-fields">
      <Title order={2} size="h4" id="securitytxt-fields">
        Fields
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Cordon writes Canonical (this deployment&rsquo;s address) and Expires itself: each save sets
        Expires the chosen number of days ahead, and a daily job renews it 30 days before it lapses.
      </Text>
      <SecurityTxtForm key={version} view={view} save={save} />
    </Paper>
  );
}
