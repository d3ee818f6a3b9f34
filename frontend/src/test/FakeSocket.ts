/** A fake WebSocket for the live-status hook: tests push server messages into it. */
export class FakeSocket extends EventTarget {
  static readonly opened: FakeSocket[] = [];
  readonly url: string;
  readonly protocols: string[];
  readyState = 0;
  closed = false;

  constructor(url: string, protocols: string[]) {
    super();
    this.url = url;
    this.protocols = protocols;
    FakeSocket.opened.push(this);
  }

  static open(url: string, protocols: string[]): WebSocket {
    return new FakeSocket(url, protocols) as unknown as WebSocket;
  }

  /** Delivers one server message (JSON-encoded). */
  serverSends(message: unknown): void {
    this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(message) }));
  }

  close(): void {
    this.closed = true;
  }
}
