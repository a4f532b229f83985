//! The README's key table promises keys: each one must do something in the
//! default key map.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

use byline::config::Config;
use byline::keymap::Key;

#[test]
fn every_key_in_the_readme_table_is_bound_by_default() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let keys_section = readme
        .split("## Keys")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let keymap = Config::default().keymap;
    let mut checked = 0;
    for row in keys_section.lines().filter(|l| l.starts_with("| `")) {
        let first_column = row.split('|').nth(1).unwrap();
        for key in first_column.split('`').skip(1).step_by(2) {
            let parsed: Key = key
                .parse()
                .unwrap_or_else(|e| panic!("{key:?} in the README: {e}"));
            assert!(
                keymap.action(&parsed).is_some(),
                "the README names {key:?}, which does nothing"
            );
            checked += 1;
        }
    }
    assert!(checked > 30, "the table was found and read: {checked} keys");
}
