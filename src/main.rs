//! The `factlint` binary: see `cli.rs`.

fn main() {
    std::process::exit(factlint::cli::run());
}
