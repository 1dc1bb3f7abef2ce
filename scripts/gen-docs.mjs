// Regenerates the generated docs from the built code: docs/error-codes.md and docs/migration.schema.json.
import { writeFileSync } from 'node:fs';
import { renderErrorCodesDoc } from '../dist/codes.js';
import { configJsonSchema } from '../dist/config/index.js';

writeFileSync(new URL('../docs/error-codes.md', import.meta.url), renderErrorCodesDoc());
writeFileSync(
  new URL('../docs/migration.schema.json', import.meta.url),
  `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
);
console.log('docs/error-codes.md and docs/migration.schema.json written');
