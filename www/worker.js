// The analysis worker: owns the WebAssembly Analyzer so that the page never blocks while the
// core works. Protocol (every message about a batch carries the `job` number the page gave):
//
//   page → worker  {type: 'analyze', job, docs: [{id, text, date?}]}
//   worker → page  {type: 'ready'}                         once, after the module loads
//                  {type: 'progress', job, done, total}    after each document
//                  {type: 'result', job, result}           the AnalysisResult
//                  {type: 'error', job, message}           bad input or a core failure
//                  {type: 'fatal', message}                the module could not load
//
// The whole batch goes to the core in one call, because cross-document work (clusters) needs
// every document; the core reports per-document progress through its onProgress callback.
// Cancelling is the page's job: it terminates this worker and starts a new one, since a running
// wasm call cannot be interrupted any other way.
import init, { Analyzer } from './pkg/presslens.js';

let analyzer = null;
const ready = init().then(() => {
  analyzer = new Analyzer();
});
ready.then(
  () => postMessage({ type: 'ready' }),
  (err) => postMessage({ type: 'fatal', message: `the analyzer could not start: ${err?.message ?? err}` }),
);

self.onmessage = async ({ data }) => {
  if (data?.type !== 'analyze') return;
  const { job, docs } = data;
  try {
    await ready;
  } catch {
    return; // 'fatal' was already sent
  }
  if (!Array.isArray(docs) || docs.length === 0) {
    postMessage({ type: 'error', job, message: 'there is nothing to analyse: add at least one article' });
    return;
  }
  let result;
  try {
    result = analyzer.analyze(docs, (done, total) => postMessage({ type: 'progress', job, done, total }));
  } catch (err) {
    postMessage({ type: 'error', job, message: String(err?.message ?? err) });
    return;
  }
  postMessage({ type: 'result', job, result });
};
