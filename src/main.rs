//! The `yibao` binary: run the command line, exit with its code.

fn main() -> std::process::ExitCode {
    yibao::cli::run().into()
}
