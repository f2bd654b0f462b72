//! The `vanban` binary: everything lives in the library; see `vanban::cli`.

/// A build allocates millions of small strings across threads; mimalloc
/// serves them faster than the system allocator (see the README's figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(vanban::cli::main());
}
