// Types of scripts/wasm.mjs, for the test that checks the committed wasm is what the source compiles to.
/** The AssemblyScript source, relative to the repository root. */
export declare const WASM_SOURCE: string;
/** The generated TypeScript module holding the bytes, relative to the repository root. */
export declare const WASM_MODULE: string;
/** Compiles the scanner with the committed asc options; resolves to its bytes. */
export declare function compilePdhScan(): Promise<Uint8Array>;
/** The generated module's text for these bytes. */
export declare function generatedModule(bytes: Uint8Array): string;
