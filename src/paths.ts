import { fileURLToPath } from 'node:url';

/** The project root, whether running from src/ (tsx, vitest) or dist/ (compiled): both sit one level below it. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
