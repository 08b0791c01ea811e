import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sendJson, signIn } from './support/api.js';
import { createInstance, formatCount, waitForQuietMachine } from './support/instance.js';
import { percentile, type RunningServer } from './support/server.js';

/**
 * The incident page with a long timeline (issue 7: p95 < 100 ms per API call with 10,000
 * entries): an incident gets `--entries N` notes through the API (two at a time), then the two
 * calls the page makes, the incident and the first timeline page (1,000 entries), are timed
 * `--requests N` times each on the built server. Chain verification is timed too.
 */
export async function runIncidentsBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      entries: { type: 'string', default: '10000' },
      requests: { type: 'string', default: '200' },
      postgres: { type: 'boolean', default: false },
    },
  });
  const entries = Number(values.entries);
  const requests = Number(values.requests);
  const instance = await createInstance({ postgres: values.postgres });
  let server: RunningServer | undefined;
  try {
    server = await instance.start();
    const url = server.url;
    const session = await signIn(url);
    const post = <T>(path: string, body: unknown, expect = 200) =>
      sendJson<T>(`${url}${path}`, {
        method: 'POST',
        headers: session,
        body: JSON.stringify(body),
        expect,
      });
    const incident = await post<{ id: string }>(
      '/api/v1/incidents',
      { title: 'Vendor X compromise', type: 'vendor_compromise', severity: 'critical' },
      201,
    );
    const started = performance.now();
    let next = 0;
    const writer = async () => {
      for (let n = next++; n < entries - 1; n = next++)
        await post(`/api/v1/incidents/${incident.id}/timeline`, {
          kind: n % 10 === 0 ? 'communication' : 'note',
          ...(n % 10 === 0
            ? {
                direction: 'received',
                channel: 'email',
                parties: ['security@vendorx.example'],
                content: `Update ${n} from Vendor X: the investigation continues.`,
              }
            : { text: `Note ${n}: checked the access logs of web-${n % 7} for the key's use.` }),
        });
    };
    await Promise.all([writer(), writer()]);
    const writeSeconds = (performance.now() - started) / 1000;
    console.log(
      `incidents on ${instance.dialect}: ${formatCount(entries)} timeline entries written in ${writeSeconds.toFixed(1)} s ` +
        `(${formatCount(entries / writeSeconds)} a second, each with its audit event)`,
    );
    await waitForQuietMachine('incident page');
    for (const [label, path] of [
      ['GET /api/v1/incidents/:id', `/api/v1/incidents/${incident.id}`],
      [
        'GET /api/v1/incidents/:id/timeline (1,000 entries)',
        `/api/v1/incidents/${incident.id}/timeline?limit=1000`,
      ],
      [
        'GET /api/v1/incidents/:id/timeline?kind=communication',
        `/api/v1/incidents/${incident.id}/timeline?kind=communication&limit=1000`,
      ],
    ] as const) {
      const times: number[] = [];
      for (let run = 0; run < requests; run += 1) {
        const begin = performance.now();
        await sendJson(`${url}${path}`, { headers: session });
        times.push(performance.now() - begin);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (${requests} requests)`,
      );
    }
    const begin = performance.now();
    const verified = await sendJson<{ ok: boolean; checked: number }>(
      `${url}/api/v1/incidents/${incident.id}/timeline/verify`,
      { headers: session },
    );
    console.log(
      `GET /api/v1/incidents/:id/timeline/verify: ${verified.ok ? 'intact' : 'BROKEN'}, ${formatCount(verified.checked)} entries in ${(performance.now() - begin).toFixed(0)} ms`,
    );
    console.log(`server peak RSS ${server.peakRssMiB() ?? 'n/a'} MiB`);
  } finally {
    await server?.stop();
    await instance.cleanup();
  }
}
