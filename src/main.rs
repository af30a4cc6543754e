//! The `factlint` binary: see `cli.rs`.

/// mimalloc instead of the system allocator: the corpus is millions of small strings and vectors,
/// and with glibc's allocator a large heap made each keystroke's frees cost more than its
/// analysis (`malloc_consolidate` and `_int_free` were 60 % of the server's time per edit with
/// 100,000 corpus documents; see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(factlint::cli::run());
}
