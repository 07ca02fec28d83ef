//! Fuzz target `overlay`: see `yibao_fuzz::check_overlay` for what it asserts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = yibao_fuzz::check_overlay(data) {
        panic!("{}", yibao_fuzz::describe("overlay", data, &e));
    }
});
