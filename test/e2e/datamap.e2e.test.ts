import { readFile } from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, completeSetup, field, heading, signIn } from './support/app.js';
import { chooseOption, step } from './support/browser.js';
import { apiClient } from './support/api.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Ada Admin',
  email: 'ada@shopco.example',
  password: 'correct horse battery staple',
};
const vendorName = 'Vendor X Analytics GmbH';
const integrationName = 'Recommendations API';

interface Customer {
  id: string;
  email: string;
  name: string;
  phone?: string;
  country: string;
  region?: string;
}

/** The shop's customers, as its export would list them. */
const customers: Customer[] = [
  {
    id: 'cust-de-1',
    email: 'anna.schmidt@example.de',
    name: 'Anna Schmidt',
    phone: '+49 30 1234567',
    country: 'DE',
  },
  { id: 'cust-de-2', email: 'bernd.weber@example.de', name: 'Bernd Weber', country: 'DE' },
  { id: 'cust-fr-1', email: 'chloe.martin@example.fr', name: 'Chloé Martin', country: 'FR' },
  {
    id: 'cust-us-1',
    email: 'dana.lee@example.com',
    name: 'Dana Lee',
    country: 'US',
    region: 'CA',
  },
  // Shared with the vendor only long before the window asked about.
  { id: 'cust-gb-1', email: 'emma.jones@example.co.uk', name: 'Emma Jones', country: 'GB' },
  // Never shared with anyone.
  { id: 'cust-it-1', email: 'fabio.rossi@example.it', name: 'Fabio Rossi', country: 'IT' },
];
/** The customers whose data reached the vendor inside the window. */
const affected = customers.filter((c) => ['DE', 'FR', 'US'].includes(c.country));

const DAY_MS = 86_400_000;
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * DAY_MS).toISOString();
const utcDay = (iso: string) => iso.slice(0, 10);
/** The window the analyst asks about: the last ten days, as whole UTC days. */
const period = { from: utcDay(daysAgo(10)), to: utcDay(daysAgo(0)) };

const walkthrough = useWalkthrough();
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);

/** Splits simple CSV (no quoted commas or line breaks in these fixtures) into rows of cells. */
function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split(','));
}

/** The trimmed text of each cell, row by row. */
async function cellTexts(rows: Locator): Promise<string[][]> {
  const all = await rows.all();
  return Promise.all(
    all.map(async (row) =>
      (await row.getByRole('cell').allTextContents()).map((text) => text.trim()),
    ),
  );
}

describe('browser walkthrough: vendor, integration, sharing ledger and blast radius', () => {
  it('creates a vendor and integration, ingests sharing events, and exports the blast radius', async () => {
    const page = await walkthrough.pages.newPage();

    await step('setup-and-sign-in', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
      await signIn(page, admin);
      await heading(page, 'Vendors').waitFor();
      expect(new URL(page.url()).pathname).toBe('/vendors');
    });

    const vendorId = await step('create-vendor', page, async () => {
      await page.getByText('No vendors yet.').waitFor();
      await button(page, 'New vendor').click();
      const dialog = page.getByRole('dialog', { name: 'New vendor' });
      await field(dialog, 'Legal name').fill(vendorName);
      await field(dialog, 'Country').fill('DE');
      await button(dialog, 'Add vendor').click();
      // A new vendor opens at once.
      await heading(page, vendorName).waitFor();
      const match = /^\/vendors\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
      expect(match).not.toBeNull();
      return match![1]!;
    });

    await step('open-vendor-from-list', page, async () => {
      await page.getByRole('link', { name: 'All vendors' }).click();
      await heading(page, 'Vendors').waitFor();
      const table = page.getByTestId('vendors-table');
      await table.getByRole('link', { name: vendorName, exact: true }).click();
      await heading(page, vendorName).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/vendors/${vendorId}`);
    });

    await step('add-integration', page, async () => {
      await page.getByRole('tab', { name: 'Integrations', exact: true }).click();
      await page.getByText('No integrations recorded for this vendor.').waitFor();
      await button(page, 'Add integration').click();
      const dialog = page.getByRole('dialog', { name: 'Add an integration' });
      await field(dialog, 'Name').fill(integrationName);
      await chooseOption(page, 'Kind', 'Server API client');
      // Planned: going live needs an approved assessment (the assessments walkthrough covers it).
      await chooseOption(page, 'Integration status', 'Planned');
      const categories = dialog.getByRole('combobox', { name: 'Declared data categories' });
      for (const [search, option] of [
        ['Email', 'Email address (email)'],
        ['Order', 'Order history (order_history)'],
      ] as const) {
        await categories.click();
        await categories.fill(search);
        await page.getByRole('option', { name: option, exact: true }).click();
      }
      // Close the category list before saving: it may cover the buttons.
      await dialog.getByRole('heading', { name: 'Add an integration' }).click();
      await button(dialog, 'Save integration').click();
      await dialog.waitFor({ state: 'hidden' });

      const row = page.getByTestId('integrations-table').getByRole('row', {
        name: new RegExp(integrationName),
      });
      await button(row, `Edit integration ${integrationName}`).waitFor();
      await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('Server API client');
      await row.getByText('Email address', { exact: true }).waitFor();
      await row.getByText('Order history', { exact: true }).waitFor();
      await row.getByText('planned', { exact: true }).waitFor();
    });

    const session = await step('read-session', page, () => sessionOf(page));
    const integrationId = await step('read-integration-id', page, async () => {
      const integrations = await callApi<
        { id: string; name: string; kind: string; declaredCategories: string[] }[]
      >(`/api/v1/vendors/${vendorId}/integrations`, { auth: session });
      expect(integrations).toHaveLength(1);
      expect(integrations[0]).toMatchObject({
        name: integrationName,
        kind: 'server_api_client',
      });
      expect([...integrations[0]!.declaredCategories].sort()).toEqual(['email', 'order_history']);
      return integrations[0]!.id;
    });

    await step('import-customers-api', page, async () => {
      const csv = [
        'external_id,email,name,phone,country,region',
        ...customers.map((c) =>
          [c.id, c.email, c.name, c.phone ?? '', c.country, c.region ?? ''].join(','),
        ),
      ].join('\n');
      const result = await callApi<{ status: string; inserted: number | null }>(
        '/api/v1/customers/imports',
        {
          method: 'POST',
          auth: session,
          body: `${csv}\n`,
          contentType: 'text/csv',
          expectStatus: 201,
        },
      );
      expect(result).toMatchObject({ status: 'committed', inserted: customers.length });
    });

    const ingestToken = await step('create-ingest-token', page, async () => {
      const created = await callApi<{ secret: string; token: { scopes: string[] } }>(
        '/api/v1/tokens',
        {
          method: 'POST',
          auth: session,
          body: JSON.stringify({ name: 'Sharing feed', scopes: ['ingest'], expiresInDays: 1 }),
          contentType: 'application/json',
          expectStatus: 201,
        },
      );
      expect(created.token.scopes).toEqual(['ingest']);
      return created.secret;
    });

    await step('ingest-sharing-events-api', page, async () => {
      const declared = ['email', 'order_history'];
      const events = [
        { id: 'evt-1', customer: 'cust-de-1', categories: declared, records: 3, at: daysAgo(3) },
        { id: 'evt-2', customer: 'cust-de-2', categories: declared, records: 1, at: daysAgo(3) },
        { id: 'evt-3', customer: 'cust-fr-1', categories: declared, records: 2, at: daysAgo(2) },
        { id: 'evt-4', customer: 'cust-us-1', categories: declared, records: 1, at: daysAgo(2) },
        // The integration never declared phone numbers: this raises a sharing alert.
        {
          id: 'evt-5',
          customer: 'cust-de-1',
          categories: ['email', 'phone'],
          records: 1,
          at: daysAgo(1),
        },
        // Outside the window asked about below.
        { id: 'evt-6', customer: 'cust-gb-1', categories: declared, records: 1, at: daysAgo(60) },
      ];
      const ndjson = events
        .map((event) => JSON.stringify({ ...event, integration: integrationId }))
        .join('\n');
      const result = await callApi<{ accepted: number; duplicates: number; rejected: number }>(
        '/api/v1/sharing-events',
        {
          method: 'POST',
          auth: { token: ingestToken },
          body: `${ndjson}\n`,
          contentType: 'application/x-ndjson',
        },
      );
      expect(result).toMatchObject({ accepted: events.length, duplicates: 0, rejected: 0 });
    });

    await step('compute-blast-radius', page, async () => {
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', {
          name: 'Blast radius',
        })
        .click();
      await heading(page, 'Blast radius').waitFor();
      const form = page.getByRole('form', { name: 'Blast radius query' });
      await form
        .getByRole('radiogroup', { name: 'Target type' })
        .getByRole('radio', {
          name: 'Vendor',
          exact: true,
        })
        .check();
      await chooseOption(page, 'Target', vendorName);
      await field(form, 'From date').fill(period.from);
      await field(form, 'To date').fill(period.to);
      await button(form, 'Compute blast radius').click();

      const total = page.getByTestId('blast-radius-total');
      await total.waitFor();
      await expect(total.textContent()).resolves.toBe(`${affected.length} affected customers`);
      const search = new URL(page.url()).searchParams;
      expect(Object.fromEntries(search)).toEqual({
        vendorId,
        from: period.from,
        to: period.to,
      });
      await page.getByText(`between ${period.from} and ${period.to} (UTC)`).waitFor();

      // The data reached the vendor through its one integration.
      const paths = page.getByRole('table', {
        name: 'The data left the shop through these integrations before reaching the target.',
      });
      await paths.waitFor();
      const [path = []] = await cellTexts(paths.locator('tbody tr'));
      expect(path.slice(0, 2)).toEqual([integrationName, vendorName]);

      const jurisdictions = page.getByRole('table', {
        name: 'Affected customers by country and region',
      });
      await jurisdictions.waitFor();
      const rows = await cellTexts(jurisdictions.locator('tbody tr'));
      expect(rows).toEqual([
        ['France', '—', 'FR', '1'],
        ['Germany', '—', 'DE', '2'],
        ['United States', 'California', 'US-CA', '1'],
      ]);
    });

    await step('download-csv', page, async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('affected-customers.csv');
      const file = await download.path();
      const [header, ...lines] = csvRows(await readFile(file, 'utf8'));
      expect(header).toEqual([
        'external_id',
        'email',
        'name',
        'phone',
        'country',
        'region',
        'categories',
      ]);
      expect(lines).toHaveLength(affected.length);
      const byId = new Map(lines.map((cells) => [cells[0], cells]));
      for (const customer of affected) {
        const cells = byId.get(customer.id);
        expect(cells, `a line for ${customer.id}`).toBeDefined();
        const [, email, name, phone, country, region, categories] = cells!;
        expect({ email, name, phone, country, region }).toEqual({
          email: customer.email,
          name: customer.name,
          // A leading + would run as a formula in a spreadsheet, so the export defuses it.
          phone: customer.phone ? `'${customer.phone}` : '',
          country: customer.country,
          region: customer.region ?? '',
        });
        const expectedCategories =
          customer.id === 'cust-de-1'
            ? ['email', 'order_history', 'phone']
            : ['email', 'order_history'];
        expect(categories!.split(';').sort()).toEqual(expectedCategories);
      }
    });

    await step('data-map', page, async () => {
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', {
          name: 'Data map',
        })
        .click();
      await heading(page, 'Data map').waitFor();

      // The undeclared phone numbers, as an open alert the admin can acknowledge.
      const acknowledge = page.getByRole('button', {
        name: `Acknowledge: ${vendorName} — ${integrationName} sent phone`,
        exact: true,
      });
      await acknowledge.waitFor();
      await page.getByText(/sent phone \(undeclared\) once/).waitFor();

      // The graph: the vendor's node and the integration's edge with its declared categories.
      const graph = page.getByRole('figure', { name: /^Data map graph/ });
      await graph.getByRole('link', { name: vendorName, exact: true }).waitFor();
      await graph.getByText('Email address, Order history', { exact: true }).waitFor();

      // The same connection in the table, with every customer it ever reached.
      const row = page.getByRole('row', { name: new RegExp(integrationName) });
      await row.waitFor();
      const [cells = []] = await cellTexts(row);
      expect(cells.slice(0, 4)).toEqual(['Shop', vendorName, 'integration', integrationName]);
      expect(cells[5]).toBe('5');
      await row.getByText('Email address', { exact: true }).waitFor();
      await row.getByText('Order history', { exact: true }).waitFor();
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
