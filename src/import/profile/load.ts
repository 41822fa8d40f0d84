import { readFile } from 'node:fs/promises';
import { InputError } from '../../domain/errors.js';
import type { SourceAdapter } from '../types.js';
import { profileAdapter } from './adapter.js';
import { parseProfileText } from './parse.js';
import { PROFILE_VERSION, type Profile } from './types.js';
import { validateProfile } from './validate.js';

/**
 * Older profile versions are upgraded here before validation, one step per version, so a saved profile keeps
 * working. Version 1 is the first; a newer one is refused rather than half-understood.
 */
function upgrade(raw: unknown, path: string): unknown {
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > PROFILE_VERSION) {
    throw new InputError(`${path}: version: profile version ${version} is newer than this posrecon reads (${PROFILE_VERSION})`, 'use a newer posrecon');
  }
  return raw;
}

export async function readProfile(path: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read the profile (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const raw = parseProfileText(path, text);
  const checked = validateProfile(upgrade(raw, path));
  if ('issues' in checked) {
    const [first, ...rest] = checked.issues;
    const more = rest.map((i) => `\n  ${path}: ${i.path}: ${i.message}`).join('');
    throw new InputError(`${path}: ${first?.path ?? ''}: ${first?.message ?? 'invalid'}${more}`, 'see README "Acquirer formats" for the profile keys');
  }
  return checked.profile;
}

/** Reads (JSON or YAML), validates and turns a --profile file into the adapter that reads files of that layout. */
export async function loadProfile(path: string): Promise<SourceAdapter> {
  return profileAdapter(await readProfile(path), path);
}
