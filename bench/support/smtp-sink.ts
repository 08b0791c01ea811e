import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that keeps no mail, only what a crash test needs: every delivery's
 * Message-ID and recipient. It reads each message's header block and drops the rest.
 */
export async function startSmtpSink() {
  let deliveries = 0;
  /** Message-ID → recipient, and how often each came. */
  const recipientOf = new Map<string, string>();
  const copies = new Map<string, number>();
  let withoutId = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Room for a campaign's whole connection pool, and then some.
    maxClients: 200,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        deliveries++;
        const match = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
        // A copy: a regex match is a slice that keeps the whole chunk it came from alive.
        const id =
          match === undefined ? undefined : Buffer.from(match, 'latin1').toString('latin1');
        const to = session.envelope.rcptTo[0]?.address ?? '';
        if (!id) withoutId++;
        else {
          recipientOf.set(id, to);
          copies.set(id, (copies.get(id) ?? 0) + 1);
        }
        callback();
      });
    },
  });
  // A client killed mid-message resets its connection: expected here, so not fatal.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    deliveries: () => deliveries,
    /**
     * What arrived of the Message-IDs starting with `prefix` (one campaign's): distinct ones,
     * repeats of one, and people who got two different ones.
     */
    tally(prefix = '') {
      let distinct = 0;
      let repeated = 0;
      const idsOf = new Map<string, number>();
      for (const [id, count] of copies) {
        if (!id.startsWith(prefix)) continue;
        distinct++;
        repeated += count - 1;
        const to = recipientOf.get(id)!;
        idsOf.set(to, (idsOf.get(to) ?? 0) + 1);
      }
      let twoIds = 0;
      for (const count of idsOf.values()) if (count > 1) twoIds++;
      return {
        deliveries,
        distinctMessageIds: distinct,
        repeatedDeliveries: repeated,
        recipients: idsOf.size,
        recipientsWithTwoMessageIds: twoIds,
        withoutMessageId: withoutId,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
