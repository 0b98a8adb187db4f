/**
 * Bundles `<appDir>/src/main.ts` to `<outdir>/main.js` (default `<appDir>/dist`), with the
 * library's assets beside it, and resolves to that path.
 */
export function buildApp(appDir: string, outdir?: string): Promise<string>;
