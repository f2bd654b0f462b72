#![no_main]
//! The number grammar: parses, or says where; canonical forms re-parse.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(n) = vanban::number::parse(s) {
        let again = vanban::number::parse(&n.canonical).expect("canonical parses");
        assert_eq!(again.key(), n.key());
    }
    let chars: Vec<char> = s.chars().collect();
    let _ = vanban::number::parse_prefix(&chars);
});
