import { PageHeader } from '../../components/PageHeader.js';

export function DataMapPage() {
  return <PageHeader title="DataMapPage" />;
}
