import parseSax from 'exceljs/lib/utils/parse-sax.js';
import { describe, expect, it } from 'vitest';
import { decodesSplitCharacters, requireExceljsPatch, type ParseSax } from '../../../src/import/exceljs-patch.js';

/** exceljs 4.4.0 as published: every chunk decoded on its own. */
const unpatched: ParseSax = (chunks) =>
  parseSax(
    (async function* () {
      for await (const c of chunks) yield typeof c === 'string' ? c : new TextDecoder('utf-8').decode(c);
    })(),
  );

describe("exceljs's SAX parser", () => {
  it('reads a character split between two chunks whole, as installed (patched)', async () => {
    expect(await decodesSplitCharacters(parseSax)).toBe(true);
    await expect(requireExceljsPatch()).resolves.toBeUndefined();
  });

  it('the check tells an unpatched parser', async () => {
    expect(await decodesSplitCharacters(unpatched)).toBe(false);
  });
});
