import { PageHeader } from '../../components/PageHeader.js';

export function DataCategoriesPage() {
  return <PageHeader title="DataCategoriesPage" />;
}
