/**
 * The tool version (kept in step with package.json by a test).
 * @module
 */
export const VERSION = '0.1.0';
