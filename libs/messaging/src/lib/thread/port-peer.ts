/** What a peer needs of a `MessagePort` (worker_threads), so tests can hand it either end of a channel. */
export interface PortLike {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): void;
}

/** A request's handler: its result (or thrown error) goes back to the asker. */
export type PortHandler = (payload: never) => unknown;

type Envelope =
  | { readonly t: 'request'; readonly id: number; readonly kind: string; readonly payload: unknown }
  | { readonly t: 'notice'; readonly kind: string; readonly payload: unknown }
  | { readonly t: 'reply'; readonly id: number; readonly value: unknown }
  | { readonly t: 'failure'; readonly id: number; readonly name: string; readonly message: string };

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** The other end went away (its thread ended or it closed the port) before answering. */
export class PeerGoneError extends Error {
  constructor(what: string) {
    super(`The other thread is gone: ${what}`);
    this.name = 'PeerGoneError';
  }
}

/**
 * Requests and notices between two threads over one port, each side a peer of the
 * other. A request resolves with what the other side's handler returned, or rejects
 * with its error (name and message; the stack stays where it was thrown). Messages on
 * one port arrive in the order they were posted, so a notice posted before a reply is
 * seen before it. Everything posted is copied (structured clone).
 */
export class PortPeer {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private gone: string | null = null;
  private readonly goneListeners: ((reason: string) => void)[] = [];

  constructor(
    private readonly port: PortLike,
    private readonly handlers: Readonly<Record<string, PortHandler>>,
  ) {
    port.on('message', (value) => this.receive(value as Envelope));
    port.on('close', () => this.end('its port closed'));
  }

  request<T>(kind: string, payload: unknown): Promise<T> {
    if (this.gone) return Promise.reject(new PeerGoneError(this.gone));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ t: 'request', id, kind, payload } satisfies Envelope);
    });
  }

  /** A message with no answer. */
  notify(kind: string, payload: unknown): void {
    if (!this.gone) this.port.postMessage({ t: 'notice', kind, payload } satisfies Envelope);
  }

  /** Called once when the other end is gone (at once if it already is). */
  onGone(listener: (reason: string) => void): void {
    if (this.gone) listener(this.gone);
    else this.goneListeners.push(listener);
  }

  /** Closes the port; requests still waiting reject. */
  close(): void {
    if (this.gone) return;
    this.port.close();
    this.end('this side closed the port');
  }

  /** Ends the conversation from outside (the thread exited): waiting requests reject with `reason`. */
  end(reason: string): void {
    if (this.gone) return;
    this.gone = reason;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new PeerGoneError(reason));
    }
    for (const listener of this.goneListeners.splice(0)) listener(reason);
  }

  private receive(envelope: Envelope): void {
    switch (envelope.t) {
      case 'reply':
      case 'failure': {
        const p = this.pending.get(envelope.id);
        if (!p) return;
        this.pending.delete(envelope.id);
        if (envelope.t === 'reply') p.resolve(envelope.value);
        else p.reject(Object.assign(new Error(envelope.message), { name: envelope.name }));
        return;
      }
      case 'notice':
        void this.run(envelope.kind, envelope.payload).catch(() => undefined);
        return;
      case 'request':
        this.run(envelope.kind, envelope.payload).then(
          (value) => this.answer({ t: 'reply', id: envelope.id, value }),
          (error: unknown) =>
            this.answer({
              t: 'failure',
              id: envelope.id,
              name: error instanceof Error ? error.name : 'Error',
              message: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
    }
  }

  private async run(kind: string, payload: unknown): Promise<unknown> {
    const handler = this.handlers[kind];
    if (!handler) throw new Error(`No handler for ${kind}`);
    return (handler as (payload: unknown) => unknown)(payload);
  }

  private answer(envelope: Envelope): void {
    if (!this.gone) this.port.postMessage(envelope);
  }
}
