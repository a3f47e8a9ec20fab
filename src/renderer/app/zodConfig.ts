import { z } from 'zod';

/**
 * Zod compiles object parsers with `new Function` when it may; to find out, it tries it once. The
 * app's Content-Security-Policy (no 'unsafe-eval') refuses that probe and Chromium logs it as a
 * console error on every start ("… 'script-src' was not explicitly set …"). Jitless mode skips the
 * probe and parses without generated code. Imported first by main.tsx, before anything parses.
 */
z.config({ jitless: true });
