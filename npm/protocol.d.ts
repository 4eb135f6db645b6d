// The messages between worker.js (the page's side) and worker-thread.js (the worker), checked
// on both sides by tsc (tests/npm/npm.test.mjs, --checkJs). Not packed: no consumer sees them.
import type { AnalysisResult, Document, Limits, Recovery, UserName } from './presslens-result.js';

/** What the worker is given to load the core from: a URL's href, the bytes, or a compiled module. */
export type WorkerWasm = string | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

export type WorkerRequest =
  | { type: 'init'; wasm: WorkerWasm; names: UserName[]; lock: string }
  | { type: 'analyze'; id: number; docs: Document[]; recovery?: Recovery }
  | { type: 'names'; id: number; names: UserName[] }
  | { type: 'parse'; id: number; text: string };

export type WorkerReply =
  | { type: 'ready'; limits: Limits; module?: WebAssembly.Module; watching: boolean }
  | { type: 'fatal'; message: string }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; value: AnalysisResult | UserName[] | undefined }
  | { type: 'error'; id: number; message: string }
  | { type: 'crash'; id: number; done: number; message: string };
