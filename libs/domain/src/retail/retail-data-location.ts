// Where the real Online Retail day files live, relative to the repository root: the one place to change
// when the data moves. RETAIL_DATA_DIR (read by the apps) overrides it.
export const RETAIL_DATA_DIR_FROM_ROOT = 'data/online-retail-by-day';

/** The day-file folder for a repository root, unless an override (e.g. RETAIL_DATA_DIR) is given. */
export function retailDataDir(repoRoot: string, override?: string): string {
  return override ?? `${repoRoot.replace(/\/+$/, '')}/${RETAIL_DATA_DIR_FROM_ROOT}`;
}
