//! [`sanitize`] against the byte-at-a-time version it replaced: the fast
//! path must not change a single output byte.

use proptest::prelude::*;

use super::*;

/// `sanitize` as it was before the block-at-a-time fast path.
fn reference(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_graphic(b) {
            let start = i;
            i += 1;
            while i < bytes.len()
                && (is_graphic(bytes[i])
                    || (bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&n| is_graphic(n))))
            {
                i += 1;
            }
            out.push_str(&input[start..i]);
            continue;
        }
        match b {
            b' ' | b'\t' => push_space(&mut out),
            b'\n' => push_newline(&mut out),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => push_newline(&mut out),
            0x1b => {
                i = skip_escape(bytes, i + 1);
                continue;
            }
            0x80.. => {
                let c = input[i..].chars().next().unwrap();
                i += c.len_utf8();
                match c {
                    '\u{9b}' => i = skip_csi(bytes, i),
                    '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                        i = skip_string(bytes, i)
                    }
                    '\u{2028}' | '\u{2029}' | '\u{85}' => push_newline(&mut out),
                    '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => {
                        push_space(&mut out)
                    }
                    c if is_invisible(c) => {}
                    c => out.push(c),
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    trim_end_spaces(&mut out);
    out
}

/// Pieces that meet every branch, and words long enough for whole chunks.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "word",
        "sentence.",
        "longerwords",
        "x",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        "\t",
        "\x1b",
        "\x1b[1;31m",
        "\x1b]0;t\x07",
        "[",
        "\\",
        "\u{9b}",
        "\u{9d}",
        "\u{a0}",
        "é",
        "£",
        "\u{2028}",
        "\u{200b}",
        "\x07",
        "\x7f",
        "\0",
        ";",
        "0",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn same_as_reference(pieces in prop::collection::vec(piece(), 0..40)) {
        let input = pieces.concat();
        prop_assert_eq!(sanitize(&input), reference(&input), "input {:?}", input);
    }

    #[test]
    fn same_as_reference_on_any_text(input in "\\PC{0,80}|[ -~\n\t\r]{0,80}") {
        prop_assert_eq!(sanitize(&input), reference(&input), "input {:?}", input);
    }
}

#[test]
fn same_as_reference_at_every_chunk_offset() {
    // A space, a newline or a double space at each position of a chunk, and
    // at the ends of the text.
    for special in [" ", "  ", "\n", " \n", "\n ", "\t", "é"] {
        for at in 0..40 {
            let mut input = "abcdefghijklmnopqrstuvwxyz".repeat(2);
            input.insert_str(at, special);
            assert_eq!(sanitize(&input), reference(&input), "{input:?}");
            let padded = format!(" {input} ");
            assert_eq!(sanitize(&padded), reference(&padded), "{padded:?}");
        }
    }
}
