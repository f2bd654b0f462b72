//! The `vanban` binary: the command line (`cli.rs`) over the library,
//! which holds every stage of the pipeline.

mod cli;

/// A build allocates millions of small strings across threads; mimalloc
/// serves them faster than the system allocator (see the README's figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
