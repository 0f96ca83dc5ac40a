//! Cold start: a program that does nothing, timed from process start to exit.
fn main() {}
