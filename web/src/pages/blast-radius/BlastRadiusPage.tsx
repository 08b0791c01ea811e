import { PageHeader } from '../../components/PageHeader.js';

export function BlastRadiusPage() {
  return <PageHeader title="BlastRadiusPage" />;
}
