import type { ScopeGroup, CategoryInfo } from './breach.coverage.js';
import { createBusinessCalendar } from '../../lib/business-calendar.js';
import { BUILTIN_RULES_DIR, loadRuleBook } from './breach.rules.load.js';

/** The built-in rule book and its calendars, as the server loads them. */
export function builtinRules() {
  const book = loadRuleBook([BUILTIN_RULES_DIR]);
  const calendars = new Map(
    [...book.calendars].map(([id, calendar]) => [id, createBusinessCalendar(calendar)]),
  );
  return { book, calendars };
}

/** The built-in categories the fixtures use, with their legal flags. */
export const catalogue: ReadonlyMap<string, CategoryInfo> = new Map([
  ['name', { name: 'Name', legalFlags: ['personal_data', 'name_element'] }],
  [
    'email',
    { name: 'Email address', legalFlags: ['personal_data', 'contact', 'login_identifier'] },
  ],
  ['phone', { name: 'Phone number', legalFlags: ['personal_data', 'contact'] }],
  ['order_history', { name: 'Order history', legalFlags: ['personal_data'] }],
  ['password_hash', { name: 'Password hash', legalFlags: ['personal_data', 'login_secret'] }],
  [
    'login_credentials',
    {
      name: 'Login credentials',
      legalFlags: ['personal_data', 'login_identifier', 'login_secret', 'us_pi_standalone'],
    },
  ],
  [
    'government_id',
    {
      name: 'Government ID',
      legalFlags: ['personal_data', 'sensitive_personal_info', 'us_pi_with_name'],
    },
  ],
  [
    'payment_card_pan',
    {
      name: 'Payment card number (PAN)',
      legalFlags: ['personal_data', 'financial_account', 'pci_account_data', 'us_pi_with_name'],
    },
  ],
]);

export function group(
  place: string,
  customers: number,
  categories: string[],
  via: ScopeGroup['via'] = 'vendor',
): ScopeGroup {
  const [country, region] = place.split('-') as [string, string | undefined];
  return { country, region: region ?? null, known: true, categories, via, customers };
}
