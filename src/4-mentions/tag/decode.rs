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

// The valid transitions fall into two blocks, which the decoders below walk as such (a test
// checks that the blocks are exactly [`ALLOWED`]):
// - every tag that closes an entity or is outside one (O, L-*, U-*: [`CLOSED`]) may be followed
//   by exactly the tags that open one or are outside (O, B-*, U-*: [`OPENING`]), a dense 9 × 9
//   block that vector instructions walk a row at a time;
// - B-x and I-x (an entity left open) may be followed by exactly I-x and L-x.

/// Lanes of a block row: [`CLOSED`]'s 9 tags padded to whole 128-bit vectors of `f32`.
const W: usize = 12;

const fn tags_where(closed: bool) -> [u8; 9] {
    let mut out = [0u8; 9];
    let (mut t, mut n) = (0, 0);
    while t < N {
        // With O: L and U close an entity (a new one may follow), B and U open one.
        let (is_closed, opens) = match tags::split(t as u8) {
            None => (true, true),
            Some((_, tags::Part::Begin)) => (false, true),
            Some((_, tags::Part::Inside)) => (false, false),
            Some((_, tags::Part::Last)) => (true, false),
            Some((_, tags::Part::Unit)) => (true, true),
        };
        if (closed && is_closed) || (!closed && opens) {
            out[n] = t as u8;
            n += 1;
        }
        t += 1;
    }
    out
}

/// O, L-*, U-*, ascending.
const CLOSED: [u8; 9] = tags_where(true);
/// O, B-*, U-*, ascending: the tags that may follow any of [`CLOSED`].
const OPENING: [u8; 9] = tags_where(false);

/// B-x and I-x of type `k`: the tags that may precede I-x and L-x (and only those).
const fn open_pair(k: usize) -> (usize, usize) {
    (
        tags::tag(k, tags::Part::Begin) as usize,
        tags::tag(k, tags::Part::Inside) as usize,
    )
}

/// I-x and L-x of type `k`.
const fn inside_pair(k: usize) -> (usize, usize) {
    (
        tags::tag(k, tags::Part::Inside) as usize,
        tags::tag(k, tags::Part::Last) as usize,
    )
}

/// The best valid tag sequence for one sentence. Every returned sequence satisfies
/// [`tags::is_valid`], whatever the scores.
pub fn viterbi(em: &[[f32; N]], tr: &Transitions) -> Vec<u8> {
    let mut out = Vec::with_capacity(em.len());
    viterbi_into(em, tr, &mut Vec::new(), &mut out);
    out
}

/// [`viterbi`], appending the tags to `out` and reusing `scores` (scratch) across calls.
///
/// The forward pass keeps each position's best path scores, not back pointers: the dense
/// block then needs only an add and a maximum per lane. The way back recomputes, for the one
/// tag chosen at each position, which predecessor gave that score ([`best_predecessor`]): the
/// same sums of the same numbers, compared in the same order, so the same choice.
pub fn viterbi_into(
    em: &[[f32; N]],
    tr: &Transitions,
    scores: &mut Vec<[f32; N]>,
    out: &mut Vec<u8>,
) {
    let n = em.len();
    if n == 0 {
        return;
    }
    scores.clear();
    scores.reserve(n);
    let mut cur = [f32::NEG_INFINITY; N];
    for t in 0..N {
        if tags::can_start(t as u8) {
            cur[t] = tr.start[t] + em[0][t];
        }
    }
    scores.push(cur);
    // The dense block's transition scores, one padded row per closing tag (padding: -inf, never
    // chosen).
    let mut block = [[f32::NEG_INFINITY; W]; 9];
    for (row, &p) in block.iter_mut().zip(&CLOSED) {
        for (x, &t) in row.iter_mut().zip(&OPENING) {
            *x = tr.trans[p as usize][t as usize];
        }
    }
    for emi in &em[1..] {
        let mut next = [f32::NEG_INFINITY; N];
        // For each opening tag, the best score over its predecessors (strict comparisons in
        // increasing predecessor order, as `best_predecessor` makes them).
        let mut best = [f32::NEG_INFINITY; W];
        for (row, &p) in block.iter().zip(&CLOSED) {
            let c = cur[p as usize];
            for l in 0..W {
                let s = c + row[l];
                best[l] = if s > best[l] { s } else { best[l] };
            }
        }
        for (l, &t) in OPENING.iter().enumerate() {
            next[t as usize] = best[l] + emi[t as usize];
        }
        for k in 0..tags::TYPES.len() {
            let (b, ii) = open_pair(k);
            let (inside, last) = inside_pair(k);
            for t in [inside, last] {
                let mut best = f32::NEG_INFINITY;
                for p in [b, ii] {
                    let s = cur[p] + tr.trans[p][t];
                    if s > best {
                        best = s;
                    }
                }
                next[t] = best + emi[t];
            }
        }
        cur = next;
        scores.push(cur);
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
        seq[i - 1] = best_predecessor(&scores[i - 1], tr, seq[i]);
    }
    if !tags::is_valid(seq) {
        // Only reachable with non-finite scores; O everywhere is always valid.
        seq.iter_mut().for_each(|t| *t = tags::O);
    }
}

/// The predecessor of tag `t` on the best path, given the path scores `prev` of the position
/// before: the first of the highest-scoring valid ones, in the forward pass's order ([`CLOSED`]
/// before an opening tag, B-x then I-x before I-x and L-x); O when none scores above -inf.
fn best_predecessor(prev: &[f32; N], tr: &Transitions, t: u8) -> u8 {
    let pair;
    let preds: &[u8] = if OPENING.contains(&t) {
        &CLOSED
    } else {
        let (k, _) = tags::split(t).unwrap_or((0, tags::Part::Inside));
        let (b, ii) = open_pair(k);
        pair = [b as u8, ii as u8];
        &pair
    };
    let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
    for &p in preds {
        let s = prev[p as usize] + tr.trans[p as usize][t as usize];
        if s > best {
            best = s;
            arg = p;
        }
    }
    arg
}

/// The exponentiated transition scores of one stage at one temperature, computed once per
/// model rather than once per sentence (see [`span_posteriors_with`]).
#[derive(Debug, Clone)]
pub struct ExpTransitions {
    inv: f64,
    m: [[f64; N]; N],
    /// `m`'s dense block, `block[j][l] = m[CLOSED[j]][OPENING[l]]`, padded with zeros.
    block: [[f64; BW]; 9],
    /// The same block transposed: `block_t[l][j] = m[CLOSED[j]][OPENING[l]]`.
    block_t: [[f64; BW]; 9],
    start: [f64; N],
    end: [f64; N],
}

/// Lanes of a block row in `f64`: 9 padded to whole 128-bit vectors.
const BW: usize = 10;

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
        let mut block = [[0f64; BW]; 9];
        let mut block_t = [[0f64; BW]; 9];
        for (j, &p) in CLOSED.iter().enumerate() {
            for (l, &t) in OPENING.iter().enumerate() {
                block[j][l] = m[p as usize][t as usize];
                block_t[l][j] = m[p as usize][t as usize];
            }
        }
        ExpTransitions {
            inv,
            m,
            block,
            block_t,
            start,
            end,
        }
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

/// The largest score of a row, NaN left out as `f32::max` leaves it (a comparison, where
/// `f32::max` is a call to `fmaxf` in the wasm build).
fn largest(row: &[f32; N]) -> f32 {
    row.iter()
        .fold(f32::NEG_INFINITY, |a, &b| if b > a { b } else { a })
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
        let mx = largest(emi);
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
    // Forward and backward visit the valid transitions only, block by block (see [`CLOSED`]):
    // an invalid one has `m[p][t] == 0` and would add an exact zero, so every sum is the same,
    // its terms added in the same order (increasing tag index).
    for i in 1..n {
        let mut a = [0f64; N];
        let prev = &alpha[i - 1];
        let mut lanes = [0f64; BW];
        for (row, &p) in x.block.iter().zip(&CLOSED) {
            let ap = prev[p as usize];
            for l in 0..BW {
                lanes[l] += ap * row[l];
            }
        }
        for (l, &t) in OPENING.iter().enumerate() {
            a[t as usize] = lanes[l];
        }
        for k in 0..tags::TYPES.len() {
            let (b, ii) = open_pair(k);
            let (inside, last) = inside_pair(k);
            for t in [inside, last] {
                a[t] = 0.0 + prev[b] * m[b][t] + prev[ii] * m[ii][t];
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
        let (en, bn, cn) = (&e[i + 1], &beta[i + 1], c[i + 1]);
        let mut lanes = [0f64; BW];
        for (col, &t) in x.block_t.iter().zip(&OPENING) {
            let (et, bt) = (en[t as usize], bn[t as usize]);
            for j in 0..BW {
                lanes[j] += col[j] * et * bt;
            }
        }
        for (j, &p) in CLOSED.iter().enumerate() {
            b[p as usize] = lanes[j] / cn;
        }
        for k in 0..tags::TYPES.len() {
            let (inside, last) = inside_pair(k);
            let (bb, ii) = open_pair(k);
            for p in [bb, ii] {
                let s =
                    0.0 + m[p][inside] * en[inside] * bn[inside] + m[p][last] * en[last] * bn[last];
                b[p] = s / cn;
            }
        }
        beta[i] = b;
    }
    out.extend(
        spans
            .iter()
            .map(|s| span_probability(s, m, e, alpha, beta, c)),
    );
}

/// The probability of span `s`'s own BILOU path (B I.. L, or U) from the scaled forward and
/// backward tables (`c`: the scale of each position).
fn span_probability(
    s: &Span,
    m: &[[f64; N]; N],
    e: &[[f64; N]],
    alpha: &[[f64; N]],
    beta: &[[f64; N]],
    c: &[f64],
) -> f32 {
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
    fn largest_is_the_fold_of_f32_max() {
        let mut row = [0f32; N];
        for (k, x) in row.iter_mut().enumerate() {
            *x = (k as f32 * 7.3).sin() * 10.0;
        }
        let max = |r: &[f32; N]| r.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
        assert_eq!(
            largest(&row),
            max(&row),
            "largest must equal f32::max over the row"
        );
        row[3] = f32::NAN;
        assert_eq!(
            largest(&row),
            max(&row),
            "a NaN is left out, as f32::max leaves it"
        );
        let nan = [f32::NAN; N];
        assert_eq!(
            largest(&nan),
            max(&nan),
            "a row of NaN gives -inf, as the fold does"
        );
    }

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
    fn blocks_are_exactly_the_valid_transitions() {
        // The decoders walk the valid transitions as two blocks; any other valid transition
        // would be silently ignored by them, any invalid one decoded.
        let mut seen = [[false; N]; N];
        for &p in &CLOSED {
            for &t in &OPENING {
                seen[p as usize][t as usize] = true;
            }
        }
        for k in 0..tags::TYPES.len() {
            let (b, i) = open_pair(k);
            let (i2, l) = inside_pair(k);
            for p in [b, i] {
                for t in [i2, l] {
                    assert!(!seen[p][t], "the blocks overlap at {p} → {t}");
                    seen[p][t] = true;
                }
            }
        }
        assert_eq!(
            seen, ALLOWED,
            "CLOSED × OPENING plus the open pairs must be ALLOWED"
        );
        assert!(
            OPENING.iter().all(|&t| tags::can_start(t)),
            "OPENING must be the start tags"
        );
        assert_eq!(
            OPENING.iter().filter(|&&t| t == 0).count(),
            1,
            "O opens once"
        );
        assert!(
            W >= CLOSED.len() && BW >= CLOSED.len(),
            "block rows must hold 9 lanes"
        );
    }

    /// The textbook decoders, over every pair of tags, for comparison.
    fn dense_viterbi(em: &[[f32; N]], tr: &Transitions) -> Vec<u8> {
        let n = em.len();
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
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
                for p in 0..N {
                    let s = cur[p] + tr.trans[p][t];
                    if ALLOWED[p][t] && s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                next[t] = best + em[i][t];
                back[i][t] = arg;
            }
            cur = next;
        }
        let (mut best, mut last) = (f32::NEG_INFINITY, 0u8);
        for t in 0..N {
            if tags::can_end(t as u8) && cur[t] + tr.end[t] > best {
                best = cur[t] + tr.end[t];
                last = t as u8;
            }
        }
        let mut seq = vec![0u8; n];
        seq[n - 1] = last;
        for i in (1..n).rev() {
            seq[i - 1] = back[i][seq[i] as usize];
        }
        seq
    }

    #[test]
    fn block_decoders_equal_the_dense_ones_bit_for_bit() {
        // Pseudo-random scores, with ties (quantized values) so that the tie-breaking order
        // matters too.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ((x >> 40) % 9) as f32 - 4.0
        };
        for round in 0..200 {
            let n = 1 + round % 23;
            let em: Vec<[f32; N]> = (0..n).map(|_| std::array::from_fn(|_| next())).collect();
            let mut tr = Transitions::default();
            for p in 0..N {
                for t in 0..N {
                    tr.trans[p][t] = next() * 0.5;
                }
                tr.start[p] = next();
                tr.end[p] = next();
            }
            let path = viterbi(&em, &tr);
            assert_eq!(
                path,
                dense_viterbi(&em, &tr),
                "round {round}: Viterbi differs"
            );
            let spans = tags::spans(&path);
            let got = span_posteriors(&em, &tr, 1.3, &spans);
            let want = dense_posteriors(&em, &tr, 1.3, &spans);
            assert_eq!(got, want, "round {round}: span posteriors differ");
        }
    }

    /// Forward-backward over every pair of tags (invalid ones have weight 0).
    fn dense_posteriors(em: &[[f32; N]], tr: &Transitions, temp: f32, spans: &[Span]) -> Vec<f32> {
        let x = ExpTransitions::new(tr, temp);
        let (inv, m, n) = (x.inv, &x.m, em.len());
        let e: Vec<[f64; N]> = em
            .iter()
            .map(|r| {
                let mx = largest(r);
                std::array::from_fn(|t| (f64::from(r[t] - mx) * inv).exp())
            })
            .collect();
        let mut alpha = vec![[0f64; N]; n];
        let mut c = vec![1f64; n + 1];
        for t in 0..N {
            alpha[0][t] = x.start[t] * e[0][t];
        }
        normalize(&mut alpha[0], &mut c[0]);
        for i in 1..n {
            let mut a = [0f64; N];
            for p in 0..N {
                for t in 0..N {
                    a[t] += alpha[i - 1][p] * m[p][t];
                }
            }
            for t in 0..N {
                a[t] *= e[i][t];
            }
            normalize(&mut a, &mut c[i]);
            alpha[i] = a;
        }
        c[n] = (0..N).map(|t| alpha[n - 1][t] * x.end[t]).sum::<f64>();
        let mut beta = vec![[0f64; N]; n];
        for t in 0..N {
            beta[n - 1][t] = x.end[t] / c[n];
        }
        for i in (0..n - 1).rev() {
            for p in 0..N {
                let mut s = 0.0;
                for t in 0..N {
                    s += m[p][t] * e[i + 1][t] * beta[i + 1][t];
                }
                beta[i][p] = s / c[i + 1];
            }
        }
        spans
            .iter()
            .map(|s| span_probability(s, m, &e, &alpha, &beta, &c))
            .collect()
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
