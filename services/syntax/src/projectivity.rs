//! Pseudo-projective parsing (Nivre and Nilsson 2005, the "head" encoding): the arc-hybrid
//! parser builds projective trees only, so a crossing arc of a training tree is lifted to its
//! head's head until no arc crosses, and its label records the relation of the head it left
//! (`obj↑xcomp`: "my head was an `xcomp` below the one I am attached to"). After parsing, an
//! arc with such a label is lowered again: to the first word below its head, breadth first and
//! left to right, with that relation (and outside its own subtree), when there is one.

/// Separates the relation from the lifted head's relation in an encoded label.
pub const LIFT: char = '↑';

/// The relation without a lift mark.
pub fn base(label: &str) -> &str {
    label.split(LIFT).next().unwrap_or(label)
}

/// Whether the arc into `d` (heads 1-based, 0 = root) is projective: every word between head
/// and dependent descends from the head.
fn projective_arc(heads: &[usize], d: usize) -> bool {
    let h = heads[d - 1];
    if h == 0 {
        return true;
    }
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    (lo + 1..hi).all(|k| descends(heads, k, h))
}

/// Whether word `k` is `h` or below it.
fn descends(heads: &[usize], k: usize, h: usize) -> bool {
    let mut x = k;
    for _ in 0..=heads.len() {
        if x == h {
            return true;
        }
        if x == 0 {
            return false;
        }
        x = heads[x - 1];
    }
    false
}

/// Whether a tree (1-based heads, 0 = root) is projective.
pub fn is_projective(heads: &[usize]) -> bool {
    (1..=heads.len()).all(|d| projective_arc(heads, d))
}

/// Lifts crossing arcs (the shortest first) to the head's head until the tree is projective,
/// marking each lifted word's label with its first head's relation.
pub fn projectivize(heads: &mut [usize], labels: &mut [String]) {
    let n = heads.len();
    for _ in 0..n * n + 1 {
        let worst = (1..=n)
            .filter(|&d| !projective_arc(heads, d))
            .min_by_key(|&d| (heads[d - 1].abs_diff(d), d));
        let Some(d) = worst else { return };
        let h = heads[d - 1];
        if !labels[d - 1].contains(LIFT) {
            let mark = format!("{}{LIFT}{}", labels[d - 1], base(&labels[h - 1]));
            labels[d - 1] = mark;
        }
        heads[d - 1] = heads[h - 1];
    }
}

/// Lowers the arcs whose labels carry a lift mark (see the module doc), and drops the marks.
pub fn deprojectivize(heads: &mut [usize], labels: &mut [String]) {
    let n = heads.len();
    for d in 1..=n {
        let Some((rel, wanted)) = labels[d - 1]
            .split_once(LIFT)
            .map(|(r, w)| (r.to_owned(), w.to_owned()))
        else {
            continue;
        };
        let top = heads[d - 1];
        // Breadth first below the head, left to right, outside d's own subtree.
        let mut queue = std::collections::VecDeque::from([top]);
        let mut found = None;
        'search: while let Some(x) = queue.pop_front() {
            for c in 1..=n {
                if heads[c - 1] != x || c == d || descends(heads, c, d) {
                    continue;
                }
                if base(&labels[c - 1]) == wanted {
                    found = Some(c);
                    break 'search;
                }
                queue.push_back(c);
            }
        }
        if let Some(w) = found {
            heads[d - 1] = w;
        }
        labels[d - 1] = rel;
    }
    for l in labels.iter_mut() {
        if l.contains(LIFT) {
            *l = base(l).to_owned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn lifting_makes_trees_projective_and_lowering_restores_them() {
        assert!(is_projective(&[2, 0, 2, 3]));
        // "A hearing is scheduled on the issue today": 2 -> 5 crosses 4 -> 3.
        //  1 A, 2 hearing, 3 is, 4 scheduled, 5 on(issue), 6 today
        let gold_heads = vec![2, 4, 4, 0, 2, 4];
        let gold_labels = strings(&["det", "nsubj:pass", "aux:pass", "root", "nmod", "obl:tmod"]);
        assert!(!is_projective(&gold_heads));
        let (mut heads, mut labels) = (gold_heads.clone(), gold_labels.clone());
        projectivize(&mut heads, &mut labels);
        assert!(is_projective(&heads));
        assert_eq!(heads, vec![2, 4, 4, 0, 4, 4], "nmod lifted from hearing to scheduled");
        assert_eq!(labels[4], "nmod↑nsubj:pass");
        deprojectivize(&mut heads, &mut labels);
        assert_eq!(heads, gold_heads);
        assert_eq!(labels, gold_labels);
    }

    #[test]
    fn a_mark_with_no_such_relation_below_keeps_the_head() {
        let mut heads = vec![2, 0, 2];
        let mut labels = strings(&["nsubj", "root", "obj↑xcomp"]);
        deprojectivize(&mut heads, &mut labels);
        assert_eq!(heads, vec![2, 0, 2]);
        assert_eq!(labels[2], "obj");
    }
}
