//! The BILOU tag set over the four CoNLL types, which transitions are valid, and conversion
//! between tag sequences and entity spans.

use crate::vocab::Label;

/// Entity types, in tag-index order.
pub const TYPES: [Label; 4] = [Label::PER, Label::ORG, Label::LOC, Label::MISC];
/// Number of tags: `O` plus B/I/L/U for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES.len();
/// Tag index of `O`.
pub const O: u8 = 0;

/// Position of a tag inside an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

/// The tag index for `part` of an entity of type index `ty`.
pub const fn tag(ty: usize, part: Part) -> u8 {
    let p = match part {
        Part::Begin => 0,
        Part::Inside => 1,
        Part::Last => 2,
        Part::Unit => 3,
    };
    (1 + 4 * ty + p) as u8
}

/// The type index and part of a tag, or `None` for `O`.
pub const fn split(t: u8) -> Option<(usize, Part)> {
    if t == O {
        return None;
    }
    let k = (t - 1) as usize;
    let part = match k % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    Some((k / 4, part))
}

/// The type index of a label, if it is one the tagger produces.
pub fn type_index(label: Label) -> Option<usize> {
    TYPES.iter().position(|&l| l == label)
}

/// A readable name such as `B-PER`, for messages.
pub fn name(t: u8) -> String {
    match split(t) {
        None => "O".into(),
        Some((ty, part)) => {
            let p = match part {
                Part::Begin => "B",
                Part::Inside => "I",
                Part::Last => "L",
                Part::Unit => "U",
            };
            format!("{p}-{}", TYPES[ty].as_str())
        }
    }
}

/// Whether a sentence may start with tag `t`.
pub fn can_start(t: u8) -> bool {
    matches!(split(t), None | Some((_, Part::Begin | Part::Unit)))
}

/// Whether a sentence may end with tag `t`.
pub fn can_end(t: u8) -> bool {
    matches!(split(t), None | Some((_, Part::Last | Part::Unit)))
}

/// Whether tag `b` may follow tag `a`.
pub fn can_follow(a: u8, b: u8) -> bool {
    match split(a) {
        // Outside an entity: the next tag must start one or be O.
        None | Some((_, Part::Last | Part::Unit)) => can_start(b),
        // Inside an entity of type `ty`: the next tag must continue or close it.
        Some((ty, Part::Begin | Part::Inside)) => {
            matches!(split(b), Some((t2, Part::Inside | Part::Last)) if t2 == ty)
        }
    }
}

/// An entity span over token indices of one sentence (or document): `first..end`, type index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub first: usize,
    pub end: usize,
    pub ty: usize,
}

/// Reads the spans of a valid BILOU sequence (the decoder only produces valid ones). An invalid
/// sequence is read leniently: an entity is closed wherever its continuation breaks.
pub fn spans(tags: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    spans_into(tags, &mut out);
    out
}

/// [`spans`] into a reused vector (cleared first).
pub fn spans_into(tags: &[u8], out: &mut Vec<Span>) {
    out.clear();
    let mut open: Option<(usize, usize)> = None; // (first, ty)
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            None => {
                if let Some((f, ty)) = open.take() {
                    out.push(Span {
                        first: f,
                        end: i,
                        ty,
                    });
                }
            }
            Some((ty, part)) => {
                let continues = matches!(open, Some((_, oty)) if oty == ty)
                    && matches!(part, Part::Inside | Part::Last);
                if !continues {
                    if let Some((f, oty)) = open.take() {
                        out.push(Span {
                            first: f,
                            end: i,
                            ty: oty,
                        });
                    }
                    open = Some((i, ty));
                }
                if matches!(part, Part::Last | Part::Unit) {
                    let (f, ty) = open.take().expect("opened above");
                    out.push(Span {
                        first: f,
                        end: i + 1,
                        ty,
                    });
                }
            }
        }
    }
    if let Some((f, ty)) = open {
        out.push(Span {
            first: f,
            end: tags.len(),
            ty,
        });
    }
}

/// The BILOU tags of `n` tokens holding the given non-overlapping spans.
pub fn from_spans(n: usize, spans: &[Span]) -> Vec<u8> {
    let mut tags = vec![O; n];
    for s in spans {
        if s.end == s.first + 1 {
            tags[s.first] = tag(s.ty, Part::Unit);
        } else {
            tags[s.first] = tag(s.ty, Part::Begin);
            for t in &mut tags[s.first + 1..s.end - 1] {
                *t = tag(s.ty, Part::Inside);
            }
            tags[s.end - 1] = tag(s.ty, Part::Last);
        }
    }
    tags
}

/// Whether a whole sequence is valid.
pub fn is_valid(tags: &[u8]) -> bool {
    match (tags.first(), tags.last()) {
        (None, _) => true,
        (Some(&a), Some(&z)) => {
            can_start(a) && can_end(z) && tags.windows(2).all(|w| can_follow(w[0], w[1]))
        }
        _ => unreachable!(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_spans() {
        let s = vec![
            Span {
                first: 0,
                end: 2,
                ty: 0,
            },
            Span {
                first: 2,
                end: 3,
                ty: 0,
            },
            Span {
                first: 4,
                end: 7,
                ty: 3,
            },
        ];
        let t = from_spans(8, &s);
        assert!(
            is_valid(&t),
            "{:?}",
            t.iter().map(|&x| name(x)).collect::<Vec<_>>()
        );
        assert_eq!(spans(&t), s);
    }

    #[test]
    fn transitions() {
        let b_per = tag(0, Part::Begin);
        let i_org = tag(1, Part::Inside);
        assert!(!can_follow(O, i_org));
        assert!(!can_follow(b_per, i_org));
        assert!(can_follow(b_per, tag(0, Part::Last)));
        assert!(!can_end(b_per));
        assert!(!can_start(i_org));
    }
}
