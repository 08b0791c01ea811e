import { List, Paper, Text, Title } from '@mantine/core';
import type { VendorNotice } from '../../api/incidents.js';
import { LocalTime } from '../../components/LocalTime.js';
import { formatHours } from './labels.js';

const countedFromLabels: Record<NonNullable<VendorNotice['countedFrom']>, string> = {
  detected: 'detection',
  aware: 'awareness',
};

/** Each vendor's breach notice against the shortest notice term in its agreements. */
export function VendorNoticesCard({ notices }: { notices: VendorNotice[] }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="notices-heading">
      <Title order={2} size="h4" mb={4} id="notices-heading">
        Vendor notices
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Counted from detection (or awareness): when the vendor itself found out is not known here.
      </Text>
      {notices.length === 0 ? (
        <Text size="sm" c="dimmed">
          No vendor notice is recorded. Set the trigger time &ldquo;Vendor notice received&rdquo;
          when one arrives.
        </Text>
      ) : (
        <List spacing="xs" size="sm" data-testid="vendor-notices">
          {notices.map((notice) => (
            <List.Item key={notice.vendorId}>
              <NoticeLine notice={notice} />
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

function NoticeLine({ notice }: { notice: VendorNotice }) {
  const late = notice.lateByHours !== null && notice.lateByHours > 0;
  const received = (
    <>
      {notice.vendorName}: notice received <LocalTime iso={notice.receivedAt} />
    </>
  );
  if (notice.termHours === null)
    return (
      <Text size="sm">{received}; no agreement with the vendor sets a breach-notice term.</Text>
    );
  if (notice.dueAt === null || notice.countedFrom === null)
    return (
      <Text size="sm">
        {received}; its {formatHours(notice.termHours)} term has no detection or awareness time to
        count from.
      </Text>
    );
  return (
    <Text size="sm" c={late ? 'red' : undefined} fw={late ? 600 : undefined}>
      {received}, due <LocalTime iso={notice.dueAt} /> ({formatHours(notice.termHours)} from{' '}
      {countedFromLabels[notice.countedFrom]}):{' '}
      {late ? `${formatHours(notice.lateByHours ?? 0)} late` : 'on time'}
    </Text>
  );
}
