// The messages between the page (modules/worker-client.js) and the analysis worker
// (worker.js, whose header explains each one). Types only: checked by tsc on both sides, never
// loaded by the page.
import type { PackedDocument } from './compact.js';
import type { AnalysisResult, Cluster, Document, DocumentResult, Limits, Recovery, UserName } from '../presslens-result';

/** Page → worker. */
export type ToWorker =
  | { type: 'wasm'; module: WebAssembly.Module | null }
  | { type: 'watch'; lock: string }
  | { type: 'parse-names'; request: number; text: string }
  | { type: 'analyze'; job: number; attempt: number; docs: Document[]; names: UserName[]; recovery?: Recovery; preview?: boolean };

/** The numbers every message about a batch carries. */
type Batch = { job: number; attempt: number };

/** Worker → page. */
export type ToPage =
  | { type: 'watching' }
  | { type: 'ready'; limits: Limits }
  | { type: 'names'; request: number; names: UserName[]; error?: undefined }
  | { type: 'names'; request: number; error: string; names?: undefined }
  | ({ type: 'progress'; done: number; total: number } & Batch)
  | ({ type: 'preview'; document: DocumentResult; clusters: Cluster[] } & Batch)
  | ({ type: 'document'; index: number; packed: PackedDocument } & Batch)
  | ({ type: 'result'; clusters: Cluster[]; count: number; linking_error?: AnalysisResult['linking_error'] } & Batch)
  | ({ type: 'error'; message: string; names?: true } & Batch)
  | ({ type: 'crash'; stage: 'names' | 'analyze'; done: number; total: number; message: string } & Batch)
  | { type: 'fatal'; message: string };
