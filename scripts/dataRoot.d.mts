// Types of scripts/dataRoot.mjs, for the TypeScript tests and benchmarks that import it.
/** HOSTPLAN_DATA when set (a relative path is taken from the repository root), else ../shared/data beside the repository. */
export declare function dataRoot(env?: Record<string, string | undefined>): string;
