// Types of scripts/wasm.mjs, for the tests that check the committed wasm is what the sources compile to.
/** The AssemblyScript source, relative to the repository root. */
export declare const WASM_SOURCE: string;
/** The generated TypeScript module holding the bytes, relative to the repository root. */
export declare const WASM_MODULE: string;
/** Compiles the scanner with the committed asc options; resolves to its bytes. */
export declare function compilePdhScan(): Promise<Uint8Array>;
/** The generated module's text for these bytes. */
export declare function generatedModule(bytes: Uint8Array): string;
/** The bucket passes' AssemblyScript source, relative to the repository root. */
export declare const BUCKETS_SOURCE: string;
/** The generated TypeScript module holding the bucket passes' bytes, relative to the repository root. */
export declare const BUCKETS_MODULE: string;
/** Compiles the bucket passes with the committed asc options; resolves to their bytes. */
export declare function compileBucketPasses(): Promise<Uint8Array>;
/** The generated module's text for the bucket passes' bytes. */
export declare function generatedBucketsModule(bytes: Uint8Array): string;
