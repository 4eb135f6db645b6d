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
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; N]; n];
    let mut cur = [f32::NEG_INFINITY; N];
    for t in 0..N {
        if tags::can_start(t as u8) {
            cur[t] = tr.start[t] + em[0][t];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N];
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
            back[i][t] = arg;
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
    let mut out = vec![0u8; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
    if !tags::is_valid(&out) {
        // Only reachable with non-finite scores; O everywhere is always valid.
        out.iter_mut().for_each(|t| *t = tags::O);
    }
    out
}

/// For each span of a decoded sentence, the posterior probability of exactly that span and
/// type, under the model's scores divided by `temperature` (forward-backward, scaled).
pub fn span_posteriors(
    em: &[[f32; N]],
    tr: &Transitions,
    temperature: f32,
    spans: &[Span],
) -> Vec<f32> {
    let n = em.len();
    if n == 0 || spans.is_empty() {
        return vec![0.0; spans.len()];
    }
    let inv = 1.0 / f64::from(temperature.max(1e-3));
    let mut m = [[0f64; N]; N];
    for p in 0..N {
        for t in 0..N {
            if ALLOWED[p][t] {
                m[p][t] = (f64::from(tr.trans[p][t]) * inv).exp();
            }
        }
    }
    let mut e = vec![[0f64; N]; n];
    for i in 0..n {
        let mx = em[i].iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
        for t in 0..N {
            e[i][t] = (f64::from(em[i][t] - mx) * inv).exp();
        }
    }
    let mut alpha = vec![[0f64; N]; n];
    let mut c = vec![1f64; n + 1];
    for t in 0..N {
        if tags::can_start(t as u8) {
            alpha[0][t] = (f64::from(tr.start[t]) * inv).exp() * e[0][t];
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
    let mut endv = [0f64; N];
    for t in 0..N {
        if tags::can_end(t as u8) {
            endv[t] = (f64::from(tr.end[t]) * inv).exp();
        }
    }
    c[n] = (0..N).map(|t| alpha[n - 1][t] * endv[t]).sum::<f64>();
    if !(c[n] > 0.0 && c[n].is_finite()) {
        return vec![0.0; spans.len()];
    }
    let mut beta = vec![[0f64; N]; n];
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
    spans
        .iter()
        .map(|s| {
            let path = tags::from_spans(
                s.end - s.first,
                &[Span {
                    first: 0,
                    end: s.end - s.first,
                    ty: s.ty,
                }],
            );
            let mut p = alpha[s.first][path[0] as usize];
            for k in 1..path.len() {
                let i = s.first + k;
                p *= m[path[k - 1] as usize][path[k] as usize] * e[i][path[k] as usize] / c[i];
            }
            p *= beta[s.end - 1][*path.last().expect("span is not empty") as usize];
            (p as f32).clamp(0.0, 1.0)
        })
        .collect()
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
