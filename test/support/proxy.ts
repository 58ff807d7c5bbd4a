/**
 * A TCP relay in front of a real service (PostgreSQL, Redis) that a test can
 * cut and restore, so one server process loses the service while the others
 * keep it. Cut: every open connection is reset and new ones are closed as
 * soon as they arrive, as when the network between the process and the
 * service fails; restored: connections pass again.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export interface Relay {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startRelay(targetPort: number): Promise<Relay> {
  const open = new Set<Socket>();
  let cut = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (cut) return void client.resetAndDestroy();
    const upstream = createConnection({ port: targetPort, host: '127.0.0.1' });
    track(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('close', end);
    upstream.once('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      cut = true;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore() {
      cut = false;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
