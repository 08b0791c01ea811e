import { Paper, Stack, Text, Title } from '@mantine/core';
import { useObligations } from '../../../api/breach.js';
import { AnchorLink } from '../../../components/RouterLinks.js';
import { PlainList } from '../PlainList.js';
import { soonestDue } from './clock.js';
import { isOwed, obligationPlace } from './labels.js';
import { ObligationClock } from './ObligationClock.js';

/** How many clocks the header shows; the tab lists them all. */
const SHOWN = 4;

/**
 * The soonest notification deadlines still owed, each counting down, beside the trigger times
 * they run from. Not shown while no owed obligation has a due time.
 */
export function NotificationClocksCard({ incidentId }: { incidentId: string }) {
  const report = useObligations(incidentId);
  const owed = soonestDue((report.data?.obligations ?? []).filter(isOwed));
  if (owed.length === 0) return null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="clocks-heading">
      <Title order={2} size="h4" mb={4} id="clocks-heading">
        Notification clocks
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The soonest deadlines still owed, counted in your time zone.
      </Text>
      <PlainList gap="sm" label="Soonest notification deadlines" testId="notification-clocks">
        {owed.slice(0, SHOWN).map((obligation) => (
          <Stack component="li" gap={2} key={obligation.key}>
            <Text size="sm" fw={500}>
              {obligation.duty}{' '}
              <Text span c="dimmed" size="sm">
                · {obligationPlace(obligation)}
              </Text>
            </Text>
            <ObligationClock obligation={obligation} compact />
          </Stack>
        ))}
      </PlainList>
      <AnchorLink
        to="/incidents/$incidentId"
        params={{ incidentId }}
        search={{ tab: 'obligations' }}
        size="sm"
        mt="sm"
        display="inline-block"
      >
        {owed.length > SHOWN
          ? `All ${owed.length} obligations with a deadline`
          : 'See the obligations and why they apply'}
      </AnchorLink>
    </Paper>
  );
}
