//! One stable sort for the whole core, compiled once.
//!
//! The standard library's `sort_by`, `sort_unstable` and friends are generic: each element type
//! and comparator gets its own copy of the whole algorithm (driftsort, ipnsort, their small
//! sorts), which in the wasm module came to about a hundred functions. Here the algorithm works
//! on indices through a `&mut dyn FnMut` comparator and is compiled once; each call site adds
//! only its comparator and a swap. The order is the one std's stable sorts give (equal elements
//! keep their order); a call that used an unstable sort gets the same order wherever equal
//! elements are indistinguishable (whole-element `Ord` on plain data), and a deterministic one
//! otherwise. Time O(n log n), memory two index vectors.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = sorted_order(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    permute(&mut order, &mut |i, j| v.swap(i, j));
}

/// Sorts `v` by its `Ord`, stably (as `slice::sort`; also for `sort_unstable` on plain data).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` by a key, stably (as `slice::sort_by_key`); `key` runs twice per comparison.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by a key computed once per element, stably (as `slice::sort_by_cached_key`).
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut order = sorted_order(v.len(), &mut |i, j| keys[i].cmp(&keys[j]));
    permute(&mut order, &mut |i, j| v.swap(i, j));
}

/// Elements sorted by insertion in one run before the merging starts.
const RUN: usize = 16;

/// The indices `0..n` in sorted order under `cmp` (stable): insertion-sorted runs of [`RUN`],
/// then bottom-up merges, each skipped where its two halves are already in order.
#[inline(never)]
fn sorted_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = a[i];
            let mut j = i;
            while j > start && cmp(x, a[j - 1]) == Ordering::Less {
                a[j] = a[j - 1];
                j -= 1;
            }
            a[j] = x;
        }
    }
    let mut b = vec![0; n];
    let mut width = RUN;
    while width < n {
        for lo in (0..n).step_by(2 * width) {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            if mid == hi || cmp(a[mid], a[mid - 1]) != Ordering::Less {
                b[lo..hi].copy_from_slice(&a[lo..hi]);
                continue;
            }
            let (mut i, mut j) = (lo, mid);
            for slot in &mut b[lo..hi] {
                // The right element goes first only when strictly smaller: stable.
                if i == mid || (j < hi && cmp(a[j], a[i]) == Ordering::Less) {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Puts the element at `order[k]` into place `k` for every `k`, by `swap`s along the
/// permutation's cycles (at most n − 1 swaps); `order` is used up.
#[inline(never)]
fn permute(order: &mut [usize], swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut j = start;
        loop {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency): xorshift.
    fn numbers(n: usize, seed: u64, modulo: u64) -> Vec<u64> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn same_order_as_std_stable_sorts_with_many_ties() {
        for n in [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 257, 1000, 4099] {
            for modulo in [1, 2, 7, 1000, u64::MAX] {
                // (key, original position): ties on the key show whether the sort is stable.
                let v: Vec<(u64, usize)> = numbers(n, (n as u64).wrapping_add(modulo), modulo)
                    .into_iter()
                    .enumerate()
                    .map(|(i, k)| (k, i))
                    .collect();
                let mut want = v.clone();
                want.sort_by_key(|p| p.0);
                let mut got = v.clone();
                sort_by_key(&mut got, |p| p.0);
                assert_eq!(
                    got, want,
                    "sort_by_key differs from std (n {n}, modulo {modulo})"
                );
                let mut got = v.clone();
                sort_by_cached_key(&mut got, |p| std::cmp::Reverse(p.0));
                let mut want = v.clone();
                want.sort_by_cached_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(
                    got, want,
                    "sort_by_cached_key differs (n {n}, modulo {modulo})"
                );
                let mut got = v.clone();
                sort(&mut got);
                let mut want = v;
                want.sort_unstable();
                assert_eq!(got, want, "sort differs from std (n {n}, modulo {modulo})");
            }
        }
    }

    #[test]
    fn sorted_and_reversed_input() {
        let mut up: Vec<u32> = (0..1000).collect();
        sort(&mut up);
        assert!(
            up.windows(2).all(|w| w[0] < w[1]),
            "sorted input came out unsorted"
        );
        let mut down: Vec<u32> = (0..1000).rev().collect();
        sort(&mut down);
        assert_eq!(down, up, "reversed input was not sorted");
    }

    #[test]
    fn comparisons_stay_n_log_n() {
        let n = 1 << 14;
        let v = numbers(n, 42, u64::MAX);
        let mut calls = 0u64;
        let mut w = v.clone();
        sort_by(&mut w, |a, b| {
            calls += 1;
            a.cmp(b)
        });
        // n log2 n = 229,376; insertion runs add at most RUN / 2 per element on top.
        assert!(
            calls <= (n as u64) * (14 + RUN as u64 / 2),
            "{calls} comparisons for {n} elements: the sort is no longer n log n"
        );
        let mut want = v;
        want.sort_unstable();
        assert_eq!(w, want, "random input not sorted");
    }
}
