import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { roleAtLeast } from '../../lib/roles.js';
import { CustomerImportCard } from './CustomerImportCard.js';
import { CustomerLookupCard } from './CustomerLookupCard.js';
import { CustomerOverview } from './CustomerOverview.js';
import { RecentImports } from './RecentImports.js';

/** The customer directory: how many, where, imports from the shop, and single-record lookup. */
export function CustomersPage() {
  const { user } = useSignedInSession();
  const isAnalyst = roleAtLeast(user.role, 'analyst');
  return (
    <>
      <PageHeader
        title="Customers"
        description="The shop's customers, so a blast radius can name who was affected and where they live. Personal data is encrypted at rest; only analysts and admins can see a record."
      />
      <Stack gap="lg">
        <CustomerOverview />
        {isAnalyst && <CustomerImportCard />}
        <RecentImports />
        {isAnalyst && <CustomerLookupCard canErase={user.role === 'admin'} />}
      </Stack>
    </>
  );
}
