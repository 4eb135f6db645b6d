//! The Python skin of presslens (issue #18): converts types and errors only; every decision is
//! made in the core, the same one the CLI and the page run.
//!
//! - Offsets are code points (Python `str` indices): the core renders them so itself, at its one
//!   conversion point ([`OffsetUnit::CodePoint`]), so `text[start:end] == entity["text"]`.
//! - Each call analyses its batch on the calling thread, with the GIL released: parallelism is
//!   the engine's (Spark tasks, Dask partitions, Python threads), one core per call.
//! - The model is compiled into the extension: nothing is downloaded or read on a worker.

use presslens::entities::resolve::key;
use presslens::input::{self, Document};
use presslens::mentions::user_names::UserNames;
use presslens::output::{assemble_in, AnalysisResult, OffsetUnit};
use presslens::pipeline::Recovery;
use pyo3::exceptions::{PyImportError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

/// The analyzer: holds the embedded model (and the reader's own names, if given); create one
/// per worker and reuse it. Pickles by reconstruction (`Analyzer(names)` on the other side),
/// so it can be shipped in a closure to Spark or Dask workers.
#[pyclass(name = "Analyzer", module = "presslens", frozen)]
struct PyAnalyzer {
    inner: presslens::Analyzer,
    /// The name list as given, kept to rebuild the analyzer when unpickled.
    names: Option<String>,
}

/// The columns of [`PyAnalyzer::analyze_entities`], in order.
const COLUMNS: [&str; 13] = [
    "doc",
    "start",
    "end",
    "label",
    "text",
    "kind",
    "value",
    "score",
    "boilerplate",
    "cluster",
    "cluster_name",
    "cluster_key",
    "error",
];

#[pymethods]
impl PyAnalyzer {
    /// `names`: the reader's own names in the CLI's `--names` format (one per line,
    /// `pattern<TAB>LABEL[<TAB>kind[<TAB>value]]`), matched before every other layer.
    #[new]
    #[pyo3(signature = (names=None))]
    fn new(names: Option<String>) -> PyResult<Self> {
        let mut inner = presslens::Analyzer::new();
        if let Some(text) = &names {
            let list = UserNames::parse_tsv(text)
                .map_err(|e| PyValueError::new_err(format!("Analyzer(names=...): {e}")))?;
            inner.set_user_names(list);
        }
        Ok(PyAnalyzer { inner, names })
    }

    /// Pickling rebuilds the analyzer from its arguments: the model is in the extension.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let args = PyTuple::new(py, [slf.get().names.clone()])?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }

    fn __repr__(&self) -> String {
        match &self.names {
            Some(_) => "presslens.Analyzer(names=...)".to_string(),
            None => "presslens.Analyzer()".to_string(),
        }
    }

    /// Analyses `docs`, a sequence of mappings `{"id": str, "text": str, "date"?: "YYYY-MM-DD"}`,
    /// and returns the CLI's result (`presslens analyze`) as dicts and lists, with code-point
    /// offsets. Raises ValueError on bad input (the message names the document).
    fn analyze(&self, py: Python<'_>, docs: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let docs = read_documents(docs)?;
        let json = py
            .detach(|| {
                self.run(&docs)
                    .and_then(|r| serde_json::to_string(&r).map_err(|e| e.to_string()))
            })
            .map_err(PyValueError::new_err)?;
        // The CLI's own serialisation, parsed by Python: the same schema, the same numbers.
        let loads = py.import("json")?.getattr("loads")?;
        Ok(loads.call1((json,))?.unbind())
    }

    /// Analyses `texts` (one document each; `dates`, when given, one `YYYY-MM-DD` or None per
    /// text) as one batch, and returns one row per entity, as columns: `doc` (index into
    /// `texts`), `start`, `end` (code points), `label`, `text`, `kind`, `value`, `score`,
    /// `boilerplate`, `cluster` (index among this batch's clusters), `cluster_name`,
    /// `cluster_key` (the folded key of the cluster's name: group by (`label`, `cluster_key`)
    /// to merge clusters across batches) and `error` (a document that failed, or that the core
    /// refused, e.g. over the size limit or with a malformed date, gives one row with only `doc`
    /// and `error`; the others are analysed). Rows are in document order. `format`: "arrow" (a pyarrow.Table), "lists" (a dict of equal
    /// length lists) or "auto" (arrow when pyarrow can be imported).
    #[pyo3(signature = (texts, dates=None, format="auto"))]
    fn analyze_entities(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        dates: Option<Vec<Option<String>>>,
        format: &str,
    ) -> PyResult<Py<PyAny>> {
        let pyarrow = match format {
            "lists" => None,
            "arrow" => Some(py.import("pyarrow").map_err(|e| {
                PyImportError::new_err(format!(
                    "analyze_entities(format=\"arrow\") needs pyarrow (pip install pyarrow): {e}"
                ))
            })?),
            "auto" => py.import("pyarrow").ok(),
            other => {
                let expected = "\"auto\", \"arrow\" or \"lists\"";
                let message = format!("analyze_entities: format must be {expected}, got {other:?}");
                return Err(PyValueError::new_err(message));
            }
        };
        if let Some(d) = &dates {
            if d.len() != texts.len() {
                return Err(PyValueError::new_err(format!(
                    "analyze_entities: {} dates for {} texts; give one date (or None) per text",
                    d.len(),
                    texts.len()
                )));
            }
        }
        // One bad row (an article over the size limit, a malformed date) must not lose its
        // batch: each document is checked alone; a refused one gives an error row.
        let mut docs = Vec::with_capacity(texts.len());
        let mut index = Vec::with_capacity(texts.len());
        let mut refused = Vec::new();
        for (i, text) in texts.into_iter().enumerate() {
            let doc = Document {
                id: i.to_string(),
                text,
                date: dates.as_ref().and_then(|d| d[i].clone()),
                date_order: None,
            };
            match input::validate(std::slice::from_ref(&doc)) {
                Ok(()) => {
                    docs.push(doc);
                    index.push(i);
                }
                Err(e) => refused.push((i, e.to_string())),
            }
        }
        let rows = py
            .detach(|| self.run(&docs).map(|r| Rows::of(&r, &index, &refused)))
            .map_err(PyValueError::new_err)?;
        let columns = rows.into_columns(py)?;
        match pyarrow {
            Some(pa) => {
                let schema = arrow_schema(&pa)?;
                let kwargs = PyDict::new(py);
                kwargs.set_item("schema", schema)?;
                Ok(pa
                    .getattr("table")?
                    .call((columns,), Some(&kwargs))?
                    .unbind())
            }
            None => Ok(columns.into_any().unbind()),
        }
    }
}

impl PyAnalyzer {
    /// The CLI's steps, one document after the other: check the batch, analyse each document
    /// (a failure stays with its document), link, render in code points.
    fn run(&self, docs: &[Document]) -> Result<AnalysisResult, String> {
        let outcomes = self
            .inner
            .analyze_each(docs, &Recovery::default(), |_, _| {})
            .map_err(|e| e.to_string())?;
        Ok(assemble_in(docs, &outcomes, None, OffsetUnit::CodePoint))
    }
}

/// Reads `{"id", "text", "date"?}` mappings; errors name the item and the field.
fn read_documents(docs: &Bound<'_, PyAny>) -> PyResult<Vec<Document>> {
    let expected = "expected {\"id\": str, \"text\": str, \"date\"?: \"YYYY-MM-DD\" or None}";
    let mut out = Vec::new();
    for (i, item) in docs.try_iter()?.enumerate() {
        let item = item?;
        let field = |name: &str| -> PyResult<String> {
            item.get_item(name)
                .and_then(|v| v.extract::<String>())
                .map_err(|e| {
                    PyValueError::new_err(format!(
                        "analyze(docs): item {i}: {expected}; field {name:?}: {e}"
                    ))
                })
        };
        let date = match item.call_method1("get", ("date",)) {
            Ok(v) if v.is_none() => None,
            Ok(v) => Some(v.extract::<String>().map_err(|e| {
                PyValueError::new_err(format!(
                    "analyze(docs): item {i}: {expected}; field \"date\": {e}"
                ))
            })?),
            Err(e) => {
                return Err(PyValueError::new_err(format!(
                    "analyze(docs): item {i}: {expected}, a mapping: {e}"
                )))
            }
        };
        // The same names as in JSON ("month-first", "day-first"), read by the core's own type.
        let date_order = match item.call_method1("get", ("date_order",))? {
            v if v.is_none() => None,
            v => {
                let name = v.extract::<String>().map_err(|e| {
                    PyValueError::new_err(format!(
                        "analyze(docs): item {i}: field \"date_order\": {e}"
                    ))
                })?;
                Some(
                    serde_json::from_value(serde_json::Value::String(name)).map_err(|e| {
                        PyValueError::new_err(format!(
                            "analyze(docs): item {i}: field \"date_order\": expected \"month-first\" or \"day-first\": {e}"
                        ))
                    })?,
                )
            }
        };
        out.push(Document {
            id: field("id")?,
            text: field("text")?,
            date,
            date_order,
        });
    }
    Ok(out)
}

/// The entity rows of a rendered result, column by column.
#[derive(Default)]
struct Rows {
    doc: Vec<u32>,
    start: Vec<Option<u32>>,
    end: Vec<Option<u32>>,
    label: Vec<Option<&'static str>>,
    text: Vec<Option<String>>,
    kind: Vec<Option<String>>,
    value: Vec<Option<String>>,
    score: Vec<Option<f64>>,
    boilerplate: Vec<Option<bool>>,
    cluster: Vec<Option<u32>>,
    cluster_name: Vec<Option<String>>,
    cluster_key: Vec<Option<String>>,
    error: Vec<Option<String>>,
}

impl Rows {
    /// The rows of `result`, whose document `d` is document `index[d]` of the call, merged in
    /// document order with one error row per `refused` (index, message), sorted by index.
    fn of(result: &AnalysisResult, index: &[usize], refused: &[(usize, String)]) -> Rows {
        let keys: Vec<String> = result
            .clusters
            .iter()
            .map(|c| key::key(&c.name, c.label).join(" "))
            .collect();
        let mut rows = Rows::default();
        let mut refused = refused.iter().peekable();
        for (doc, &d) in result.documents.iter().zip(index) {
            while let Some((r, message)) = refused.next_if(|(r, _)| *r < d) {
                rows.push_error(*r, message);
            }
            if let Some(error) = &doc.error {
                rows.push_error(d, error);
                continue;
            }
            for e in &doc.entities {
                let cluster = e.cluster.map(|c| c as usize);
                rows.doc.push(d as u32);
                rows.start.push(Some(e.start));
                rows.end.push(Some(e.end));
                rows.label.push(Some(e.label.as_str()));
                rows.text.push(Some(e.text.clone()));
                rows.kind.push(e.kind.clone());
                rows.value.push(e.value.clone());
                rows.score.push(Some(as_decimal(e.score)));
                rows.boilerplate.push(Some(e.boilerplate));
                rows.cluster.push(e.cluster);
                rows.cluster_name
                    .push(cluster.map(|c| result.clusters[c].name.clone()));
                rows.cluster_key.push(cluster.map(|c| keys[c].clone()));
                rows.error.push(None);
            }
        }
        for (r, message) in refused {
            rows.push_error(*r, message);
        }
        rows
    }

    /// A row with only the document and why it has no entities.
    fn push_error(&mut self, d: usize, message: &str) {
        self.doc.push(d as u32);
        self.start.push(None);
        self.end.push(None);
        self.label.push(None);
        self.text.push(None);
        self.kind.push(None);
        self.value.push(None);
        self.score.push(None);
        self.boilerplate.push(None);
        self.cluster.push(None);
        self.cluster_name.push(None);
        self.cluster_key.push(None);
        self.error.push(Some(message.to_string()));
    }

    fn into_columns(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let columns = PyDict::new(py);
        let lists: [Bound<'_, PyList>; 13] = [
            PyList::new(py, self.doc)?,
            PyList::new(py, self.start)?,
            PyList::new(py, self.end)?,
            PyList::new(py, self.label)?,
            PyList::new(py, self.text)?,
            PyList::new(py, self.kind)?,
            PyList::new(py, self.value)?,
            PyList::new(py, self.score)?,
            PyList::new(py, self.boilerplate)?,
            PyList::new(py, self.cluster)?,
            PyList::new(py, self.cluster_name)?,
            PyList::new(py, self.cluster_key)?,
            PyList::new(py, self.error)?,
        ];
        for (name, list) in COLUMNS.iter().zip(lists) {
            columns.set_item(name, list)?;
        }
        Ok(columns)
    }
}

/// The score as the CLI writes it (the shortest decimal that reads back as the same `f32`),
/// as a Python float: 0.9, not 0.8999999761581421.
fn as_decimal(score: f32) -> f64 {
    score.to_string().parse().unwrap_or(f64::from(score))
}

/// The pyarrow schema of the entity rows.
fn arrow_schema<'py>(pa: &Bound<'py, PyModule>) -> PyResult<Bound<'py, PyAny>> {
    let t = |name: &str| pa.getattr(name)?.call0();
    // Signed: Spark has no unsigned integers (offsets stay below 2^31: documents are at most
    // 16 MiB).
    let (i32_, str_, f64_, bool_) = (t("int32")?, t("string")?, t("float64")?, t("bool_")?);
    let types = [
        &i32_, &i32_, &i32_, &str_, &str_, &str_, &str_, &f64_, &bool_, &i32_, &str_, &str_, &str_,
    ];
    let fields = COLUMNS
        .iter()
        .zip(types)
        .map(|(name, ty)| pa.getattr("field")?.call1((*name, ty)))
        .collect::<PyResult<Vec<_>>>()?;
    pa.getattr("schema")?.call1((fields,))
}

/// The extension module `presslens._presslens`; `presslens/__init__.py` re-exports it.
#[pymodule]
fn _presslens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAnalyzer>()?;
    m.add("ENTITY_COLUMNS", COLUMNS.to_vec())?;
    Ok(())
}
