//! Allocation-heavy kernel: binary trees, every node allocated and freed one by one.
//! argv: the maximum depth, and the node count it gives (suites/perf/alloc.yaml).
//! Self-contained (no guest library), so the host's rustc builds the same file natively.
const MIN_DEPTH: u32 = 4;

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
    let [depth, expected] = params::<2>("perf-alloc DEPTH EXPECTED");
    let (max_depth, expected): (u32, i64) = (depth.parse().unwrap_or(0), expected.parse().unwrap_or(0));
    let mut total = count(&build(max_depth + 1));
    let kept = build(max_depth);
    for d in (MIN_DEPTH..=max_depth).step_by(2) {
        for _ in 0..1u64 << (max_depth - d + MIN_DEPTH) {
            total += count(&build(d));
        }
    }
    total += count(&kept);
    if total == expected {
        println!("ok checksum");
    } else {
        println!("not ok checksum # got {total}");
        std::process::exit(1);
    }
}

/// The kernel's parameters from argv (suites/perf/*.yaml); a missing one fails the check.
fn params<const N: usize>(usage: &str) -> [String; N] {
    let a: Vec<String> = std::env::args().skip(1).collect();
    a.try_into().unwrap_or_else(|_| {
        println!("not ok checksum # usage: {usage}");
        std::process::exit(1)
    })
}
