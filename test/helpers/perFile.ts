/**
 * One real server for the tests of a file: started before them and closed
 * after them, together with every client and table opened through it.
 */
import { afterAll, beforeAll } from 'vitest';
import { TestClient } from './client';
import { setUpTable, type Table } from './exercise';
import { startTestServer, type TestServer } from './server';

export interface FileServer {
  readonly server: TestServer;
  readonly url: string;
  connect(label: string): Promise<TestClient>;
  table(options?: Parameters<typeof setUpTable>[1]): Promise<Table>;
}

export function serverForThisFile(options: Parameters<typeof startTestServer>[0] = {}): FileServer {
  let server: TestServer | undefined;
  const opened: { close(): void }[] = [];
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterAll(async () => {
    for (const o of opened) o.close();
    await server?.dispose();
  });
  const running = (): TestServer => {
    if (!server) throw new Error('the test server has not started');
    return server;
  };
  return {
    get server() {
      return running();
    },
    get url() {
      return running().url;
    },
    async connect(label) {
      const client = await TestClient.connect(running().url, label);
      opened.push(client);
      return client;
    },
    async table(tableOptions = {}) {
      const table = await setUpTable(running().url, tableOptions);
      opened.push(table);
      return table;
    },
  };
}
