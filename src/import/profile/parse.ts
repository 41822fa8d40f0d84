import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { InputError } from '../../domain/errors.js';
import { jsonErrorOffset } from './json-error.js';

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

export const isYamlPath = (path: string): boolean => /^\.ya?ml$/i.test(extname(path));

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    throw new InputError(`${path}${at >= 0 ? `:${lineCol(text, at)}` : ''}: not valid JSON (${(e as Error).message})`);
  }
}

/**
 * YAML is read as a document rather than with parse(), so that a syntax error keeps the line and column the parser
 * found it at; only the first error is shown, as the ones after it are usually its echoes.
 */
function parseYaml(path: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = err.linePos?.[0];
    const what = err.message.split('\n', 1)[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.code;
    throw new InputError(`${path}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML (${what})`);
  }
  return doc.toJS();
}

/** The profile file's text as plain data: YAML for .yaml/.yml, JSON otherwise. A BOM is dropped first. */
export function parseProfileText(path: string, text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  return isYamlPath(path) ? parseYaml(path, body) : parseJson(path, body);
}
