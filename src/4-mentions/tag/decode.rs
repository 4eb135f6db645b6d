//! Decoding: Viterbi over BILOU tags with only valid transitions, and span confidences from
//! forward-backward posteriors.

// Dynamic programming over tag indices reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

use super::tags::{self, Span, N_TAGS};

const N: usize = N_TAGS;

/// Scores for one tag sequence model: emissions come from features; these are the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    /// `trans[p][t]`: score of tag `t` right after tag `p`.
    pub trans: [[f32; N]; N],
    /// Score of starting a sentence with each tag.
    pub start: [f32; N],
    /// Score of ending a sentence with each tag.
    pub end: [f32; N],
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions {
            trans: [[0.0; N]; N],
            start: [0.0; N],
            end: [0.0; N],
        }
    }
}

const fn allowed_table() -> [[bool; N]; N] {
    let mut a = [[false; N]; N];
    let mut p = 0;
    while p < N {
        let mut t = 0;
        while t < N {
            a[p][t] = can_follow_const(p as u8, t as u8);
            t += 1;
        }
        p += 1;
    }
    a
}

const fn can_follow_const(a: u8, b: u8) -> bool {
    // Mirrors tags::can_follow (checked by a test), as a const fn for the table.
    let open_a = a != 0 && ((a - 1) % 4 == 0 || (a - 1) % 4 == 1);
    if !open_a {
        b == 0 || (b - 1) % 4 == 0 || (b - 1) % 4 == 3
    } else {
        b != 0 && (b - 1) / 4 == (a - 1) / 4 && ((b - 1) % 4 == 1 || (b - 1) % 4 == 2)
    }
}

/// `ALLOWED[p][t]`: whether tag `t` may follow tag `p`.
pub const ALLOWED: [[bool; N]; N] = allowed_table();

const fn predecessors() -> [([u8; N], usize); N] {
    let mut out = [([0u8; N], 0usize); N];
    let mut t = 0;
    while t < N {
        let mut p = 0;
        while p < N {
            if ALLOWED[p][t] {
                out[t].0[out[t].1] = p as u8;
                out[t].1 += 1;
            }
            p += 1;
        }
        t += 1;
    }
    out
}

/// For each tag, the tags that may precede it (in increasing order) and how many there are.
const PREDECESSORS: [([u8; N], usize); N] = predecessors();

/// The best valid tag sequence for one sentence. Every returned sequence satisfies
/// [`tags::is_valid`], whatever the scores.
pub fn viterbi(em: &[[f32; N]], tr: &Transitions) -> Vec<u8> {
    let mut out = Vec::with_capacity(em.len());
    viterbi_into(em, tr, &mut Vec::new(), &mut out);
    out
}

/// [`viterbi`], appending the tags to `out` and reusing `back` (scratch) across calls.
pub fn viterbi_into(em: &[[f32; N]], tr: &Transitions, back: &mut Vec<[u8; N]>, out: &mut Vec<u8>) {
    let n = em.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0u8; N]);
    let mut cur = [f32::NEG_INFINITY; N];
    for t in 0..N {
        if tags::can_start(t as u8) {
            cur[t] = tr.start[t] + em[0][t];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N];
        let bk = &mut back[i];
        for t in 0..N {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            let (preds, np) = &PREDECESSORS[t];
            for &p in &preds[..*np] {
                let p = p as usize;
                let s = cur[p] + tr.trans[p][t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            next[t] = best + em[i][t];
            bk[t] = arg;
        }
        cur = next;
    }
    let mut best = f32::NEG_INFINITY;
    let mut last = 0u8; // O is always a valid end, the fallback when all scores are -inf/NaN
    for t in 0..N {
        if tags::can_end(t as u8) {
            let s = cur[t] + tr.end[t];
            if s > best {
                best = s;
                last = t as u8;
            }
        }
    }
    let at = out.len();
    out.resize(at + n, 0);
    let seq = &mut out[at..];
    seq[n - 1] = last;
    for i in (1..n).rev() {
        seq[i - 1] = back[i][seq[i] as usize];
    }
    if !tags::is_valid(seq) {
        // Only reachable with non-finite scores; O everywhere is always valid.
        seq.iter_mut().for_each(|t| *t = tags::O);
    }
}

/// The exponentiated transition scores of one stage at one temperature, computed once per
/// model rather than once per sentence (see [`span_posteriors_with`]).
#[derive(Debug, Clone)]
pub struct ExpTransitions {
    inv: f64,
    m: [[f64; N]; N],
    start: [f64; N],
    end: [f64; N],
}

impl ExpTransitions {
    pub fn new(tr: &Transitions, temperature: f32) -> ExpTransitions {
        let inv = 1.0 / f64::from(temperature.max(1e-3));
        let mut m = [[0f64; N]; N];
        for p in 0..N {
            for t in 0..N {
                if ALLOWED[p][t] {
                    m[p][t] = (f64::from(tr.trans[p][t]) * inv).exp();
                }
            }
        }
        let mut start = [0f64; N];
        let mut end = [0f64; N];
        for t in 0..N {
            if tags::can_start(t as u8) {
                start[t] = (f64::from(tr.start[t]) * inv).exp();
            }
            if tags::can_end(t as u8) {
                end[t] = (f64::from(tr.end[t]) * inv).exp();
            }
        }
        ExpTransitions { inv, m, start, end }
    }
}

/// Scratch space for [`span_posteriors_with`], reused across sentences.
#[derive(Debug, Clone, Default)]
pub struct PosteriorScratch {
    e: Vec<[f64; N]>,
    alpha: Vec<[f64; N]>,
    beta: Vec<[f64; N]>,
    c: Vec<f64>,
}

/// For each span of a decoded sentence, the posterior probability of exactly that span and
/// type, under the model's scores divided by `temperature` (forward-backward, scaled).
pub fn span_posteriors(
    em: &[[f32; N]],
    tr: &Transitions,
    temperature: f32,
    spans: &[Span],
) -> Vec<f32> {
    let mut out = Vec::with_capacity(spans.len());
    span_posteriors_with(
        em,
        &ExpTransitions::new(tr, temperature),
        spans,
        &mut PosteriorScratch::default(),
        &mut out,
    );
    out
}

/// [`span_posteriors`] with the transitions exponentiated beforehand; appends to `out`.
pub fn span_posteriors_with(
    em: &[[f32; N]],
    x: &ExpTransitions,
    spans: &[Span],
    scratch: &mut PosteriorScratch,
    out: &mut Vec<f32>,
) {
    let n = em.len();
    if n == 0 || spans.is_empty() {
        out.extend(spans.iter().map(|_| 0.0));
        return;
    }
    let (inv, m) = (x.inv, &x.m);
    let PosteriorScratch { e, alpha, beta, c } = scratch;
    e.clear();
    for emi in em {
        let mx = emi.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
        let mut row = [0f64; N];
        for t in 0..N {
            row[t] = (f64::from(emi[t] - mx) * inv).exp();
        }
        e.push(row);
    }
    alpha.clear();
    alpha.resize(n, [0f64; N]);
    c.clear();
    c.resize(n + 1, 1f64);
    for t in 0..N {
        if tags::can_start(t as u8) {
            alpha[0][t] = x.start[t] * e[0][t];
        }
    }
    normalize(&mut alpha[0], &mut c[0]);
    for i in 1..n {
        let mut a = [0f64; N];
        for p in 0..N {
            let ap = alpha[i - 1][p];
            if ap == 0.0 {
                continue;
            }
            for t in 0..N {
                a[t] += ap * m[p][t];
            }
        }
        for t in 0..N {
            a[t] *= e[i][t];
        }
        normalize(&mut a, &mut c[i]);
        alpha[i] = a;
    }
    let endv = &x.end;
    c[n] = (0..N).map(|t| alpha[n - 1][t] * endv[t]).sum::<f64>();
    if !(c[n] > 0.0 && c[n].is_finite()) {
        out.extend(spans.iter().map(|_| 0.0));
        return;
    }
    beta.clear();
    beta.resize(n, [0f64; N]);
    for t in 0..N {
        beta[n - 1][t] = endv[t] / c[n];
    }
    for i in (0..n - 1).rev() {
        let mut b = [0f64; N];
        for p in 0..N {
            let mut s = 0.0;
            for t in 0..N {
                s += m[p][t] * e[i + 1][t] * beta[i + 1][t];
            }
            b[p] = s / c[i + 1];
        }
        beta[i] = b;
    }
    out.extend(spans.iter().map(|s| {
        // The span's own BILOU path: B I.. L, or U.
        let len = s.end - s.first;
        let part = |k: usize| {
            tags::tag(
                s.ty,
                match (k, len) {
                    (_, 1) => tags::Part::Unit,
                    (0, _) => tags::Part::Begin,
                    (k, l) if k + 1 == l => tags::Part::Last,
                    _ => tags::Part::Inside,
                },
            ) as usize
        };
        let mut p = alpha[s.first][part(0)];
        for k in 1..len {
            let i = s.first + k;
            p *= m[part(k - 1)][part(k)] * e[i][part(k)] / c[i];
        }
        p *= beta[s.end - 1][part(len - 1)];
        (p as f32).clamp(0.0, 1.0)
    }));
}

fn normalize(v: &mut [f64; N], c: &mut f64) {
    let s: f64 = v.iter().sum();
    if s > 0.0 && s.is_finite() {
        v.iter_mut().for_each(|x| *x /= s);
        *c = s;
    } else {
        *c = 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_table_matches_tags() {
        for p in 0..N as u8 {
            for t in 0..N as u8 {
                assert_eq!(
                    ALLOWED[p as usize][t as usize],
                    tags::can_follow(p, t),
                    "{p} {t}"
                );
            }
        }
    }

    #[test]
    fn posteriors_sum_like_probabilities() {
        // Three tokens, scores favouring a PER over tokens 0..2.
        let mut em = vec![[0f32; N]; 3];
        em[0][tags::tag(0, tags::Part::Begin) as usize] = 3.0;
        em[1][tags::tag(0, tags::Part::Last) as usize] = 3.0;
        let tr = Transitions::default();
        let path = viterbi(&em, &tr);
        let spans = tags::spans(&path);
        assert_eq!(
            spans,
            vec![Span {
                first: 0,
                end: 2,
                ty: 0
            }]
        );
        let p = span_posteriors(&em, &tr, 1.0, &spans);
        assert!(p[0] > 0.5 && p[0] <= 1.0, "{p:?}");
    }
}
