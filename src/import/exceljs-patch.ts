import { AppError, EXIT } from '../domain/errors.js';

export type ParseSax = (chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>) => AsyncIterable<Array<{ eventType: string; value: unknown }>>;

/** <t>门店</t>, to be cut inside the three UTF-8 bytes of 门. */
const PROBE = Buffer.from('<t>门店</t>');

/** Whether a SAX parser reads a character whose bytes are split between two chunks whole. */
export async function decodesSplitCharacters(parseSax: ParseSax): Promise<boolean> {
  let text = '';
  for await (const events of parseSax([PROBE.subarray(0, 4), PROBE.subarray(4)])) for (const e of events) if (e.eventType === 'text') text += String(e.value);
  return text === '门店';
}

let checked: Promise<void> | undefined;

/**
 * Refuses to read a workbook with an exceljs that lacks patches/exceljs+4.4.0.patch (an install made with
 * --ignore-scripts skips it): it would read a Chinese character split between two chunks of a sheet as "��", a few
 * cells in every large statement, without a word. Checked once, on the parser itself.
 */
export function requireExceljsPatch(): Promise<void> {
  checked ??= (async () => {
    const { default: parseSax } = await import('exceljs/lib/utils/parse-sax.js');
    if (await decodesSplitCharacters(parseSax)) return;
    throw new AppError('exceljs is installed without posrecon\'s patch: Chinese text in large workbooks would be read as "��"', {
      code: 'install',
      exitCode: EXIT.internal,
      hint: 'install again with npm ci, which applies patches/exceljs+4.4.0.patch (not with --ignore-scripts)',
    });
  })();
  return checked;
}
