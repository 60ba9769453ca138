//! Which events changed places in the timeline, and where they went.

use super::{EventRef, Position};
use crate::model::TimelineEvent;
use crate::parse::event::Event;

/// Date, weight and slug decide an event's place (`model::order`).
pub(super) fn sort_key_changed(a: &Event, b: &Event) -> bool {
    a.date != b.date || a.weight != b.weight || a.slug != b.slug
}

/// Which pairs (events on both sides; `pairs` is in head order) changed places
/// in the timeline: the fewest events whose moving explains the new order.
/// Events added or removed elsewhere move nothing, and an event whose date,
/// weight and slug are unchanged is never the one that moved: when a re-dated
/// event passes it, the re-dated one moved.
///
/// This is the complement of the heaviest chain of pairs in the same order on
/// both sides, an event of fixed place weighing more than all re-dated ones
/// together; the chain is found with a prefix-maximum Fenwick tree.
pub(super) fn moved(
    pairs: &[(usize, usize)],
    b: &[TimelineEvent],
    h: &[TimelineEvent],
) -> Vec<bool> {
    let keyed: Vec<bool> = pairs
        .iter()
        .map(|&(bi, hi)| sort_key_changed(&b[bi].event, &h[hi].event))
        .collect();
    moved_given(pairs, &keyed)
}

/// [`moved`], given which pairs had their date, weight or slug changed.
fn moved_given(pairs: &[(usize, usize)], keyed: &[bool]) -> Vec<bool> {
    let n = pairs.len();
    let heavy = n as u64 + 1;
    let weight: Vec<u64> = keyed.iter().map(|&k| if k { 1 } else { heavy }).collect();
    let mut by_base: Vec<usize> = (0..n).collect();
    by_base.sort_by_key(|&k| pairs[k].0);
    // tree[i]: the heaviest chain ending at a head rank in i's Fenwick range.
    let mut tree: Vec<(u64, Option<usize>)> = vec![(0, None); n + 1];
    let mut best = vec![0u64; n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for &k in &by_base {
        // The head rank of pair k is k: the heaviest chain below it.
        let (mut top, mut i) = ((0, None), k);
        while i > 0 {
            if tree[i].0 > top.0 {
                top = tree[i];
            }
            i &= i - 1;
        }
        best[k] = top.0 + weight[k];
        prev[k] = top.1;
        let mut i = k + 1;
        while i <= n {
            if best[k] > tree[i].0 {
                tree[i] = (best[k], Some(k));
            }
            i += i & i.wrapping_neg();
        }
    }
    let mut keep = vec![false; n];
    let mut end = (0..n).max_by_key(|&k| (best[k], std::cmp::Reverse(k)));
    while let Some(k) = end {
        keep[k] = true;
        end = prev[k];
    }
    keep.into_iter().map(|k| !k).collect()
}

/// Where pair `k` moved: the direction relative to the other events present on
/// both sides, and its neighbours in the head.
pub(super) fn position(pairs: &[(usize, usize)], k: usize, h_events: &[TimelineEvent]) -> Position {
    let (bi, hi) = pairs[k];
    let before_base = pairs.iter().filter(|&&(b, _)| b < bi).count();
    let before_head = pairs.iter().filter(|&&(_, h)| h < hi).count();
    let event_ref = |i: usize| EventRef {
        slug: h_events[i].event.slug.to_string(),
        title: h_events[i].event.title.clone(),
    };
    Position {
        direction: match before_head.cmp(&before_base) {
            std::cmp::Ordering::Greater => "later",
            std::cmp::Ordering::Less => "earlier",
            std::cmp::Ordering::Equal => "moved",
        },
        after: hi.checked_sub(1).map(event_ref),
        before: (hi + 1 < h_events.len()).then(|| event_ref(hi + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::moved_given;

    /// Pairs from base order → head order of the same events (head order given).
    fn pairs(base_ranks: &[usize]) -> Vec<(usize, usize)> {
        base_ranks
            .iter()
            .enumerate()
            .map(|(h, &b)| (b, h))
            .collect()
    }

    #[test]
    fn an_event_passing_fixed_ones_moved_not_they() {
        // Base A B C D; head B C A D, only A re-dated.
        let p = pairs(&[1, 2, 0, 3]);
        assert_eq!(
            moved_given(&p, &[false, false, true, false]),
            [false, false, true, false]
        );
    }

    #[test]
    fn of_two_re_dated_events_the_one_that_passed_others_moved() {
        // Base A B C D; head B C D A: A and C re-dated, C kept its place.
        let p = pairs(&[1, 2, 3, 0]);
        assert_eq!(
            moved_given(&p, &[false, true, false, true]),
            [false, false, false, true]
        );
    }

    #[test]
    fn nothing_moved_without_a_change_of_order() {
        let p = pairs(&[0, 1, 2]);
        assert_eq!(moved_given(&p, &[true, true, true]), [false, false, false]);
        assert!(moved_given(&[], &[]).is_empty());
    }

    #[test]
    fn a_swap_of_two_re_dated_events_moves_one() {
        let p = pairs(&[1, 0]);
        assert_eq!(
            moved_given(&p, &[true, true])
                .iter()
                .filter(|m| **m)
                .count(),
            1
        );
    }
}
