//! Fuzz target `render`: see `yibao_fuzz::check_render` for what it asserts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = yibao_fuzz::check_render(data) {
        panic!("{}", yibao_fuzz::describe("render", data, &e));
    }
});
