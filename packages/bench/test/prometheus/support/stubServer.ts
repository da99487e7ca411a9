import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the stub saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: URLSearchParams;
}

export type Behaviour = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

/** A scripted HTTP server on 127.0.0.1: each request gets the next behaviour (the last one repeats). */
export interface StubServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startStub(behaviours: Behaviour[]): Promise<StubServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const s: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: new URLSearchParams(raw) };
      seen.push(s);
      const b = behaviours[Math.min(seen.length - 1, behaviours.length - 1)]!;
      void b(s, res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Behaviour => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Never answers: the client's timeout has to fire (the socket closes with the stub). */
export const hang: Behaviour = () => undefined;

/** Promises `Content-Length` bytes of a success body but sends only the first `sendBytes`, then drops the connection. */
export const truncated = (body: unknown, sendBytes: number): Behaviour => (_req, res) => {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.write(text.slice(0, sendBytes));
  setTimeout(() => res.socket?.destroy(), 20);
};

export const vector = (result: unknown[], extra: Record<string, unknown> = {}) => ({ status: 'success', data: { resultType: 'vector', result }, ...extra });
export const matrix = (result: unknown[], extra: Record<string, unknown> = {}) => ({ status: 'success', data: { resultType: 'matrix', result }, ...extra });
