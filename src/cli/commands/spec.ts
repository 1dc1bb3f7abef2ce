/**
 * `kmigrate spec` and `kmigrate schema`: the target spec and the config schema, printed.
 * @module
 */
import { configJsonSchema } from '../../config/index.js';
import { builtinSpec, type FileKind } from '../../schema/index.js';
import type { CliIo } from '../io.js';

/** Print the spec of one file kind. */
export function specCommand(opts: { kind: FileKind; format: 'text' | 'json' }, io: CliIo): number {
  const spec = builtinSpec();
  const file = spec.kinds[opts.kind];
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({ format: spec.format, version: spec.version, ...file }, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${spec.format} v${spec.version}: ${file.title} (${file.defaultFileName})\n`);
  for (const c of file.columns) {
    const req = c.required
      ? 'required'
      : c.requiredIf
        ? `required if ${c.requiredIf.column}=${c.requiredIf.equals}`
        : 'optional';
    const extra = c.enum ? ` one of ${c.enum.join('|')}` : c.maxLength ? ` max ${c.maxLength}` : '';
    io.stdout(
      `  ${c.letter.padEnd(3)} ${c.name.padEnd(18)} ${c.type.padEnd(9)} ${req}${extra}${c.provisional ? ' [provisional]' : ''}\n`,
    );
  }
  return 0;
}

/** Print the JSON Schema of migration.yaml. */
/** Print the JSON Schema (JSON whatever --format says: it is the output either way). */
export function schemaCommand(io: CliIo): number {
  io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return 0;
}
