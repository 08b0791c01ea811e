import { PageHeader } from '../../components/PageHeader.js';

export function VendorsPage() {
  return <PageHeader title="VendorsPage" />;
}
