import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the receiver answers a verified delivery: a status, after a wait if it likes. */
export type ReceiverAnswer = (webhook: ReceivedWebhook) => number | Promise<number>;

export interface WebhookReceiver {
  readonly url: string;
  /** Every delivery that a trusted secret verified, in order of arrival (answered as `answer` says). */
  readonly received: ReceivedWebhook[];
  /** Every delivery that none verified (answered 401): a test expects none. */
  readonly rejected: ReceivedWebhook[];
  /** From now on a delivery signed by `secret` is verified (an endpoint's secret, or a rotated one). */
  trust(secret: string): void;
  /** How verified deliveries are answered from now on (default 204 at once). */
  answer: ReceiverAnswer;
  close(): Promise<void>;
}

/**
 * Whether `secret` signed the delivery, as an independent Standard Webhooks receiver sees
 * it: the `standardwebhooks` package's `verify` (signature, headers, timestamp within 5 min).
 */
export function verifies(secret: string, { headers, body }: ReceivedWebhook): boolean {
  try {
    new Webhook(secret).verify(body, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

/** A real HTTP receiver on loopback that verifies every delivery with the `standardwebhooks` package before it answers. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const secrets: string[] = [];
  const receiver: Omit<WebhookReceiver, 'url' | 'close'> = {
    received: [],
    rejected: [],
    trust: (secret) => void secrets.push(secret),
    answer: () => 204,
  };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const webhook = { headers: request.headers, body };
      if (!secrets.some((secret) => verifies(secret, webhook))) {
        receiver.rejected.push(webhook);
        response.writeHead(401).end();
        return;
      }
      receiver.received.push(webhook);
      void Promise.resolve(receiver.answer(webhook)).then((status) => response.writeHead(status).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return Object.assign(receiver, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
