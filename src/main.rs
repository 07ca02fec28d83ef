//! The `yibao` binary: run the command line, exit with its code.
//!
//! On Unix the C `main` is defined here instead of Rust's: the standard
//! runtime's start-up reads `/proc/self/maps` to find the main thread's stack
//! (about 100,000 instructions, a sixth of a lookup's budget), and a lookup
//! needs nothing it sets up. The one thing it does that we need — ignoring
//! SIGPIPE, so that a closed pipe is an error we can end on quietly instead of
//! a kill — is done here.
#![cfg_attr(all(unix, not(test)), no_main)]

#[cfg(all(unix, not(test)))]
mod unix {
    use std::ffi::{c_char, c_int};

    const SIGPIPE: c_int = 13;
    const SIG_IGN: usize = 1;

    unsafe extern "C" {
        fn signal(signum: c_int, handler: usize) -> usize;
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
        // SAFETY: setting a signal's disposition to SIG_IGN before any other
        // thread exists has no preconditions.
        unsafe {
            signal(SIGPIPE, SIG_IGN);
        }
        c_int::from(yibao::cli::run().code())
    }
}

#[cfg(not(all(unix, not(test))))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(yibao::cli::run().code())
}
