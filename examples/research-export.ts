/**
 * Downloads the research export of a class: every exercise the facilitator
 * credentials given run, pseudonymised, one row per decision.
 *
 *   node --import tsx examples/research-export.ts http://localhost:8080 csv CREDENTIAL [CREDENTIAL...]
 *   python3 examples/research.py firebreak-research.csv
 */
import { writeFileSync } from 'node:fs';
import { connect, connected, request } from 'firebreak/client';

const [url = 'http://localhost:8080', format = 'csv', ...credentials] = process.argv.slice(2);
if (format !== 'csv' && format !== 'arrow') throw new Error('format: csv or arrow');
const socket = connect(url, { transports: ['websocket'] });
await connected(socket);
const answer = await request(socket, 'research:class', { credentials, format });
socket.disconnect();
if (!answer.ok) {
  console.error(`${answer.code}: ${answer.message}`);
  process.exit(1);
}
writeFileSync(answer.filename, Buffer.from(answer.data, answer.encoding === 'base64' ? 'base64' : 'utf8'));
console.log(`wrote ${answer.filename}: ${answer.rows} decisions of ${answer.exercises} exercises`);
