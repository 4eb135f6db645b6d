// The analysis worker: owns the WebAssembly Analyzer so that the page never blocks while the
// core works. Protocol (every message about a batch carries the `job` number the page gave):
//
//   page → worker  {type: 'analyze', job, docs: [{id, text, date?}], names}
//                  (names: the reader's name list for Analyzer.setUserNames, [] for none)
//   worker → page  {type: 'ready'}                         once, after the module loads
//                  {type: 'progress', job, done, total}    after each document
//                  {type: 'document', job, index, document} each DocumentResult, in order
//                  {type: 'result', job, clusters, count}  the rest of the AnalysisResult
//                  {type: 'error', job, message, names?}   bad input or a core failure
//                                                          (names: true when the name list was refused)
//                  {type: 'fatal', message}                the module could not load
//
// The whole batch goes to the core in one call, because cross-document work (clusters) needs
// every document; the core reports per-document progress through its onProgress callback.
// The result goes back one document per message: the page then decodes it in many small
// tasks instead of one that would freeze it for a large batch (hundreds of ms for 5 MB).
// Cancelling is the page's job: it terminates this worker and starts a new one, since a running
// wasm call cannot be interrupted any other way.
import init, { Analyzer } from './pkg/presslens.js';

let analyzer = null;
let namesInUse = '[]'; // the list the analyzer holds, as JSON, to set it only when it changes
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
  const names = JSON.stringify(data.names ?? []);
  if (names !== namesInUse) {
    try {
      analyzer.setUserNames(data.names ?? []);
      namesInUse = names;
    } catch (err) {
      postMessage({ type: 'error', job, names: true, message: `your name list was refused: ${err?.message ?? err}` });
      return;
    }
  }
  let result;
  try {
    result = analyzer.analyze(docs, (done, total) => postMessage({ type: 'progress', job, done, total }));
  } catch (err) {
    postMessage({ type: 'error', job, message: String(err?.message ?? err) });
    return;
  }
  result.documents.forEach((document, index) => postMessage({ type: 'document', job, index, document }));
  postMessage({ type: 'result', job, clusters: result.clusters, count: result.documents.length });
};
