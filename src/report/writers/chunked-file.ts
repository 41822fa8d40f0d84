import { open } from 'node:fs/promises';
import { failedWrite } from './failed-write.js';

/** Written out when this much text is pending, so that a report of any size is never held whole. */
const CHUNK = 1 << 20;

/** Writes a file from text handed over piece by piece by `fill`, a megabyte at a time. */
export async function writeChunked(path: string, fill: (put: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
  // Outside the try: a path that cannot be opened (a folder, no permission) was never written, and main.ts names it.
  const out = await open(path, 'w');
  try {
    let pending = '';
    await fill(async (text) => {
      pending += text;
      if (pending.length < CHUNK) return;
      await out.write(pending);
      pending = '';
    });
    await out.write(pending);
  } catch (e) {
    await out.close();
    return failedWrite(path, e);
  }
  await out.close();
}
