// `presslens/worker`: the worker-backed analyzer alone (see index.d.ts).
export { createWorkerAnalyzer, init } from './index.js';
export type * from './index.js';
