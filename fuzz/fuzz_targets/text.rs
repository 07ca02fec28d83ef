//! Fuzz target `text`: see `yibao_fuzz::check_text` for what it asserts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = yibao_fuzz::check_text(data) {
        panic!("{}", yibao_fuzz::describe("text", data, &e));
    }
});
