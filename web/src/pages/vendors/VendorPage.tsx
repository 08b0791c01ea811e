import { PageHeader } from '../../components/PageHeader.js';

export function VendorPage() {
  return <PageHeader title="VendorPage" />;
}
