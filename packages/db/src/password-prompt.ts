import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/**
 * Reads one line from stdin: on a terminal after `question`, without echoing what is typed; from a pipe as is
 * (`printf '%s\n' "$PASSWORD" | npm run ...`).
 */
export async function promptPassword(question: string): Promise<string> {
  const terminal = process.stdin.isTTY === true;
  if (terminal) process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input: process.stdin, output: silent, terminal });
  try {
    return await lines.question('');
  } finally {
    lines.close();
    if (terminal) process.stderr.write('\n');
  }
}
