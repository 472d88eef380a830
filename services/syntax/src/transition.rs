//! The arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the end of the
//! buffer, and its dynamic oracle (Goldberg and Nivre 2013).
//!
//! - `SHIFT` moves the buffer's front `b` onto the stack;
//! - `LEFT(l)` makes `b` the head of the stack's top `s0` with relation `l`, and pops `s0`;
//! - `RIGHT(l)` makes `s1` (below the top) the head of `s0`, and pops `s0`.
//!
//! The root sits after the last word and is never shifted; `LEFT` onto it is allowed only when
//! one word is left on the stack, so every parse is one tree with one root (and the root's word
//! must reach the stack's bottom: the costs account for it). The dynamic oracle
//! gives each move's cost: how many gold arcs it makes unreachable (a wrong label counts as
//! one). Arc-hybrid is arc-decomposable, so the cost is exact for projective gold trees;
//! training trees are made projective first ([`crate::projectivity`]).

/// A move, as a class of the parser's classifier: `SHIFT` is 0, `LEFT(l)` is `1 + 2l`,
/// `RIGHT(l)` is `2 + 2l`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push the buffer's front.
    Shift,
    /// Attach `s0` to `b` with a label; pop.
    Left(u16),
    /// Attach `s0` to `s1` with a label; pop.
    Right(u16),
}

impl Move {
    /// Its class.
    pub fn class(self) -> usize {
        match self {
            Move::Shift => 0,
            Move::Left(l) => 1 + 2 * l as usize,
            Move::Right(l) => 2 + 2 * l as usize,
        }
    }

    /// The move of a class.
    pub fn of_class(c: usize) -> Move {
        if c == 0 {
            Move::Shift
        } else if c % 2 == 1 {
            Move::Left(((c - 1) / 2) as u16)
        } else {
            Move::Right(((c - 2) / 2) as u16)
        }
    }

    /// How many classes there are for `labels` labels.
    pub fn classes(labels: usize) -> usize {
        1 + 2 * labels
    }
}

/// A parser configuration over `n` words (ids 1..=n; the root is `n + 1` while parsing).
#[derive(Debug, Clone)]
pub struct State {
    /// Number of words.
    pub n: usize,
    /// The stack, bottom first.
    pub stack: Vec<usize>,
    /// The buffer's front (`n + 1` when only the root is left).
    pub b: usize,
    /// Heads by word id (index 0 unused; 0 while unattached; `n + 1` for the root).
    pub heads: Vec<usize>,
    /// Labels by word id.
    pub labels: Vec<u16>,
    /// Left dependents by word id (and the root's at `n + 1`), the leftmost last.
    pub lefts: Vec<Vec<usize>>,
    /// Right dependents by word id, the rightmost last.
    pub rights: Vec<Vec<usize>>,
    in_stack: Vec<bool>,
}

impl State {
    /// The initial configuration.
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 1,
            heads: vec![0; n + 2],
            labels: vec![0; n + 2],
            lefts: vec![Vec::new(); n + 2],
            rights: vec![Vec::new(); n + 2],
            in_stack: vec![false; n + 2],
        }
    }

    /// The root's id in this configuration.
    pub fn root(&self) -> usize {
        self.n + 1
    }

    /// Whether parsing is over.
    pub fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b > self.n
    }

    /// The `i`-th item from the stack's top (0 is the top).
    pub fn s(&self, i: usize) -> Option<usize> {
        self.stack.len().checked_sub(i + 1).map(|k| self.stack[k])
    }

    /// Whether `m` can be applied; `root_label` is the only label allowed onto the root.
    pub fn valid(&self, m: Move, root_label: u16) -> bool {
        match m {
            Move::Shift => self.b <= self.n,
            Move::Left(l) => {
                !self.stack.is_empty()
                    && if self.b > self.n {
                        self.stack.len() == 1 && l == root_label
                    } else {
                        l != root_label
                    }
            }
            Move::Right(l) => self.stack.len() >= 2 && l != root_label,
        }
    }

    /// Applies a valid move.
    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
            Move::Left(l) => {
                if let Some(s0) = self.stack.pop() {
                    self.in_stack[s0] = false;
                    self.attach(self.b, s0, l);
                    self.lefts[self.b].push(s0);
                }
            }
            Move::Right(l) => {
                if let Some(s0) = self.stack.pop() {
                    self.in_stack[s0] = false;
                    if let Some(&s1) = self.stack.last() {
                        self.attach(s1, s0, l);
                        self.rights[s1].push(s0);
                    }
                }
            }
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: u16) {
        self.heads[dep] = head;
        self.labels[dep] = label;
    }

    /// The cost of `m` against the gold tree (`gold_heads[d]` with the root as `n + 1`,
    /// `gold_children[h]` the gold dependents of `h`).
    pub fn cost(&self, m: Move, gold_heads: &[usize], gold_labels: &[u16], gold_children: &[Vec<usize>]) -> usize {
        let buffered = |k: usize| k >= self.b; // the root (n + 1) is always in the buffer
        match m {
            Move::Shift => {
                let b = self.b;
                let s0 = self.s(0);
                // The root takes only the stack's bottom word: a root word shifted onto a
                // non-empty stack can no longer get it.
                let head_lost = if gold_heads[b] == self.root() {
                    !self.stack.is_empty()
                } else {
                    self.in_stack[gold_heads[b]] && Some(gold_heads[b]) != s0
                };
                let head_lost = usize::from(head_lost);
                head_lost + gold_children[b].iter().filter(|&&k| self.in_stack[k]).count()
            }
            Move::Left(l) | Move::Right(l) => {
                let Some(s0) = self.s(0) else { return usize::MAX };
                let new_head = match m {
                    Move::Left(_) => self.b,
                    _ => self.s(1).unwrap_or(0),
                };
                let h = gold_heads[s0];
                let reachable = if h == self.root() {
                    self.stack.len() == 1
                } else {
                    buffered(h) || Some(h) == self.s(1)
                };
                let head_cost = if h == new_head {
                    usize::from(gold_labels[s0] != l)
                } else {
                    usize::from(reachable)
                };
                head_cost
                    + gold_children[s0]
                        .iter()
                        .filter(|&&k| buffered(k) && k <= self.n)
                        .count()
            }
        }
    }

    /// The heads (0 = root) and labels of words 1..=n, once terminal.
    pub fn tree(&self) -> (Vec<usize>, Vec<u16>) {
        let root = self.root();
        let heads = (1..=self.n)
            .map(|d| if self.heads[d] == root { 0 } else { self.heads[d] })
            .collect();
        (heads, self.labels[1..=self.n].to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projectivity::is_projective;

    const ROOT: u16 = 0;

    /// Gold arrays in the state's numbering from 1-based heads (0 = root) and labels.
    fn gold(heads: &[usize], labels: &[u16]) -> (Vec<usize>, Vec<u16>, Vec<Vec<usize>>) {
        let n = heads.len();
        let mut gh = vec![0; n + 2];
        let mut gl = vec![0; n + 2];
        let mut children = vec![Vec::new(); n + 2];
        for d in 1..=n {
            let h = if heads[d - 1] == 0 { n + 1 } else { heads[d - 1] };
            gh[d] = h;
            gl[d] = labels[d - 1];
            children[h].push(d);
        }
        (gh, gl, children)
    }

    /// Labels for a tree: root on the root, 1 and 2 alternating elsewhere.
    fn some_labels(heads: &[usize]) -> Vec<u16> {
        heads
            .iter()
            .enumerate()
            .map(|(i, &h)| if h == 0 { ROOT } else { 1 + (i % 2) as u16 })
            .collect()
    }

    fn moves(labels: u16) -> Vec<Move> {
        let mut m = vec![Move::Shift];
        for l in 0..labels {
            m.push(Move::Left(l));
            m.push(Move::Right(l));
        }
        m
    }

    fn loss(state: &State, heads: &[usize], labels: &[u16]) -> usize {
        let (h, l) = state.tree();
        (0..heads.len())
            .filter(|&i| h[i] != heads[i] || l[i] != labels[i])
            .count()
    }

    /// The fewest gold arcs any completion of `state` gets wrong (exhaustive search).
    fn best_loss(state: &State, heads: &[usize], labels: &[u16], n_labels: u16) -> usize {
        if state.terminal() {
            return loss(state, heads, labels);
        }
        moves(n_labels)
            .into_iter()
            .filter(|&m| state.valid(m, ROOT))
            .map(|m| {
                let mut next = state.clone();
                next.apply(m);
                best_loss(&next, heads, labels, n_labels)
            })
            .min()
            .unwrap_or(usize::MAX)
    }

    /// Every projective tree over `n` words with one root (heads 1-based, 0 = root).
    fn projective_trees(n: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let mut heads = vec![0; n];
        fn rec(i: usize, heads: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            let n = heads.len();
            if i == n {
                let roots = heads.iter().filter(|&&h| h == 0).count();
                let acyclic = (1..=n).all(|d| {
                    let mut x = d;
                    for _ in 0..=n {
                        if x == 0 {
                            return true;
                        }
                        x = heads[x - 1];
                    }
                    false
                });
                if roots == 1 && acyclic && is_projective(heads) {
                    out.push(heads.clone());
                }
                return;
            }
            for h in 0..=n {
                if h != i + 1 {
                    heads[i] = h;
                    rec(i + 1, heads, out);
                }
            }
        }
        rec(0, &mut heads, &mut out);
        out
    }

    #[test]
    fn the_oracle_reproduces_every_projective_tree() {
        for n in 1..=5 {
            for heads in projective_trees(n) {
                let labels = some_labels(&heads);
                let (gh, gl, ch) = gold(&heads, &labels);
                let mut s = State::new(n);
                let mut steps = 0;
                while !s.terminal() {
                    let best = moves(3)
                        .into_iter()
                        .filter(|&m| s.valid(m, ROOT))
                        .min_by_key(|&m| s.cost(m, &gh, &gl, &ch))
                        .expect("a valid move until terminal");
                    assert_eq!(s.cost(best, &gh, &gl, &ch), 0, "a zero-cost move exists for {heads:?}");
                    s.apply(best);
                    steps += 1;
                    assert!(steps <= 2 * n + 1, "terminates in 2n moves");
                }
                assert_eq!(s.tree(), (heads.clone(), labels.clone()), "gold tree rebuilt");
            }
        }
    }

    #[test]
    fn every_move_sequence_yields_one_tree() {
        // Walk pseudo-random valid moves: every word gets exactly one head, one word the root.
        let mut seed = 7u64;
        for n in 1..=9 {
            for _ in 0..40 {
                let mut s = State::new(n);
                while !s.terminal() {
                    let valid: Vec<Move> = moves(3).into_iter().filter(|&m| s.valid(m, ROOT)).collect();
                    assert!(!valid.is_empty(), "stuck before terminal");
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    s.apply(valid[(seed >> 33) as usize % valid.len()]);
                }
                let (heads, labels) = s.tree();
                assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1, "one root: {heads:?}");
                for (d, &l) in labels.iter().enumerate() {
                    assert_eq!(heads[d] == 0, l == ROOT, "root label only on the root");
                }
                for d in 1..=n {
                    let mut x = d;
                    let mut hops = 0;
                    while x != 0 {
                        x = heads[x - 1];
                        hops += 1;
                        assert!(hops <= n, "cycle through {d}");
                    }
                }
            }
        }
    }

    #[test]
    fn move_costs_are_exact_losses() {
        // From states reached by arbitrary moves, each move's cost equals how much the best
        // reachable loss grows by taking it.
        let mut seed = 11u64;
        for n in 2..=5 {
            for heads in projective_trees(n).into_iter().step_by(3) {
                let labels = some_labels(&heads);
                let (gh, gl, ch) = gold(&heads, &labels);
                let mut s = State::new(n);
                while !s.terminal() {
                    let here = best_loss(&s, &heads, &labels, 3);
                    let valid: Vec<Move> = moves(3).into_iter().filter(|&m| s.valid(m, ROOT)).collect();
                    for &m in &valid {
                        let mut next = s.clone();
                        next.apply(m);
                        let after = best_loss(&next, &heads, &labels, 3);
                        assert_eq!(s.cost(m, &gh, &gl, &ch), after - here, "{m:?} in {s:?} for {heads:?}");
                    }
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    s.apply(valid[(seed >> 33) as usize % valid.len()]);
                }
            }
        }
    }
}
