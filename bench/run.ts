// `npm run bench -- <name> [options]`: runs one benchmark from this folder and prints its figures.
const benches: Record<string, (argv: string[]) => Promise<unknown>> = {
  http: async () => (await import('./http.js')).runHttpBench(),
  ledger: async (argv) => (await import('./ledger.js')).runLedgerBench(argv),
  'blast-radius': async (argv) => (await import('./blast-radius.js')).runBlastRadiusBench(argv),
  'customer-import': async (argv) =>
    (await import('./customer-import.js')).runCustomerImportBench(argv),
  assessments: async (argv) => (await import('./assessments.js')).runAssessmentsBench(argv),
  portal: async () => (await import('./portal.js')).runPortalBench(),
  exposure: async (argv) => (await import('./exposure.js')).runExposureBench(argv),
  detection: async (argv) => (await import('./detection/index.js')).runDetectionBench(argv),
  incidents: async (argv) => (await import('./incidents.js')).runIncidentsBench(argv),
  breach: async (argv) => (await import('./breach.js')).runBreachBench(argv),
  notify: async (argv) => (await import('./notify.js')).runNotifyBench(argv),
  trust: async () => (await import('./trust.js')).runTrustBench(),
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
await bench(process.argv.slice(3));
