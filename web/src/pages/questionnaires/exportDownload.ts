import { exportTemplate } from '../../api/assessments.js';

/**
 * Fetches the portable document and saves it as `<key>-v<version>.json`. The API call goes
 * through the client (session cookie, error handling), so a plain link to the export route
 * would not do; the Blob URL is released once the browser has taken the download.
 */
export async function downloadTemplateExport(id: string): Promise<string> {
  const exported = await exportTemplate(id);
  const fileName = `${exported.key}-v${exported.version}.json`;
  const blob = new Blob([`${JSON.stringify(exported, null, 2)}\n`], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  return fileName;
}
