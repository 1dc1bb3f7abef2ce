/**
 * The files a build writes into its output folder, named once for the config check, the build's
 * refusal to replace an input, and the command's publishing.
 * @module
 */
import { builtinSpec, type FileKind } from '../schema/index.js';
import type { MigrationConfig } from './migration-schema.js';

/** The files every build writes besides the sections' files. */
export const BUILD_OWN_FILES: readonly string[] = ['rejects.csv', 'report.json', 'report.html'];

/** The output sections of a config, in build order. */
export const OUTPUT_SECTIONS: readonly FileKind[] = ['transactions', 'notes', 'details'];

/** The output file of a section: its `file`, or the kind's default name. */
export function sectionFile(config: MigrationConfig, kind: FileKind): string | null {
  const section = config[kind];
  return section ? (section.file ?? builtinSpec().kinds[kind].defaultFileName) : null;
}

/** Every file a build of `config` writes into its output folder. */
export function buildOutputFiles(config: MigrationConfig): string[] {
  const files = OUTPUT_SECTIONS.map((kind) => sectionFile(config, kind)).filter((f) => f !== null);
  return [...files, ...BUILD_OWN_FILES];
}

/** True when `name` is a plain file name (no folder part, not `.` or `..`, not blank). */
export function isPlainFileName(name: string): boolean {
  return !/[/\\]/.test(name) && name !== '.' && name !== '..' && name.trim() !== '';
}
