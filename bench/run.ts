// `npm run bench -- <name>`: runs one benchmark from this folder and prints its figures.
const benches: Record<string, () => Promise<unknown>> = {
  http: async () => (await import('./http.js')).runHttpBench(),
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
