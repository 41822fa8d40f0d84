import { createHash, hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** One-shot hash: it runs on every imported line, and skips the Hash object createHash() builds each time. */
export function sha256Text(text: string): string {
  return hash('sha256', text, 'hex');
}
