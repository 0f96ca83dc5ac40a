//! Allocation-heavy kernel: binary trees (about 15M nodes allocated and freed one by one), depth 16.
//! Self-contained (no guest library), so the host's rustc builds the same file natively.
const MIN_DEPTH: u32 = 4;
const MAX_DEPTH: u32 = 16;
const EXPECTED: i64 = 14985902;

struct Node {
    children: Option<(Box<Node>, Box<Node>)>,
}

fn build(depth: u32) -> Box<Node> {
    Box::new(Node { children: (depth > 0).then(|| (build(depth - 1), build(depth - 1))) })
}

fn count(n: &Node) -> i64 {
    n.children.as_ref().map_or(1, |(l, r)| 1 + count(l) + count(r))
}

fn main() {
    let mut total = count(&build(MAX_DEPTH + 1));
    let kept = build(MAX_DEPTH);
    for d in (MIN_DEPTH..=MAX_DEPTH).step_by(2) {
        for _ in 0..1u64 << (MAX_DEPTH - d + MIN_DEPTH) {
            total += count(&build(d));
        }
    }
    total += count(&kept);
    if total == EXPECTED {
        println!("ok checksum");
    } else {
        println!("not ok checksum # got {total}");
        std::process::exit(1);
    }
}
