// The part of the WebAssembly API hostplan's wasm modules use: the package compiles without the
// DOM types that declare it.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: unknown;
  }
}

/** A wasm module's memory, as the code reading it uses it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Bytes of a wasm memory page. */
const PAGE = 65536;

/**
 * Grows `memory` to at least `bytes` (whole pages; nothing when it holds them already). Growing
 * detaches every view of the old buffer: read `memory.buffer` again after.
 *
 * @example
 * growMemory(memory, 200_000); memory.buffer.byteLength // => 262144 (was 65536)
 */
export function growMemory(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
}

/**
 * New instances of the module `base64` holds (one of the AssemblyScript modules `npm run wasm`
 * compiles), each with its own memory: the module is compiled once per thread, synchronously,
 * at the first call (a few KB); null where there is no WebAssembly (`node --jitless`), and the
 * caller then does the work in JS.
 *
 * @example
 * const newScanner = wasmInstances<PdhScanExports>(PDH_SCAN_WASM);
 * newScanner()?.scanRow // => the function, or undefined under node --jitless
 */
export function wasmInstances<Exports>(base64: string): () => Exports | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = new WebAssembly.Module(Buffer.from(base64, 'base64'));
      } catch {
        compiled = null;
      }
    }
    return compiled === null ? null : (new WebAssembly.Instance(compiled, {}).exports as Exports);
  };
}
