use super::*;

#[test]
fn utf8_with_and_without_bom() {
    assert_eq!(decode(b"caf\xc3\xa9").unwrap(), "café");
    assert_eq!(decode(b"\xef\xbb\xbfcaf\xc3\xa9").unwrap(), "café");
}

#[test]
fn utf16_with_bom() {
    assert_eq!(decode(b"\xff\xfeh\0i\0").unwrap(), "hi");
    assert_eq!(decode(b"\xfe\xff\0h\0i").unwrap(), "hi");
}

#[test]
fn invalid_utf8_is_windows_1252() {
    assert_eq!(
        decode(b"a \xa315.8m \x93fee\x94").unwrap(),
        "a £15.8m \u{201c}fee\u{201d}"
    );
}

#[test]
fn utf8_with_a_stray_byte_stays_utf8() {
    // Issue 10: one bad byte used to turn all of this into Windows-1252.
    let mut bytes = "Café “quotes” title … 北京 … ".as_bytes().to_vec();
    bytes.push(0xff);
    assert_eq!(
        decode(&bytes).unwrap(),
        "Café “quotes” title … 北京 … \u{fffd}"
    );
}

#[test]
fn legacy_encodings_are_told_by_their_bytes() {
    let cyrillic = "Новости дня: правительство объявило новые меры";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(cyrillic);
    assert_eq!(decode(&bytes).unwrap(), cyrillic);
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のニュース記事の本文です。");
    assert_eq!(decode(&bytes).unwrap(), "日本語のニュース記事の本文です。");
}

#[test]
fn nul_bytes_mean_binary() {
    assert_eq!(decode(b"PK\x03\x04\0\0"), Err(DecodeError::Binary));
}

#[test]
fn escape_sequences_are_removed_whole() {
    let cases = [
        ("red \x1b[1;31malert\x1b[0m", "red alert"),
        ("title \x1b]0;pwned\x07here", "title here"),
        ("link \x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\", "link text"),
        ("dcs \x1bPq#0;2;0;0;0\x1b\\done", "dcs done"),
        ("apc \x1b_Gf=100;AAAA\x1b\\ok", "apc ok"),
        ("c1 csi \u{9b}2Jclear", "c1 csi clear"),
        ("c1 osc \u{9d}52;c;aGk=\u{9c}end", "c1 osc end"),
        (
            "reset \x1bc and charset \x1b(B fine",
            "reset and charset fine",
        ),
        ("lone esc at end \x1b", "lone esc at end"),
    ];
    for (input, want) in cases {
        assert_eq!(sanitize(input), want, "input {input:?}");
    }
}

#[test]
fn unterminated_string_ends_at_the_line() {
    assert_eq!(sanitize("a \x1b]0;title\nnext line"), "a\nnext line");
}

#[test]
fn controls_tabs_and_invisible_characters() {
    assert_eq!(
        sanitize("a\tb\x07c\x7fd\u{200b}e\u{202e}f\u{feff}g"),
        "a bcdefg"
    );
    assert_eq!(
        sanitize("one\r\ntwo\rthree\u{2028}four"),
        "one\ntwo\nthree\nfour"
    );
    assert_eq!(
        sanitize("  many    spaces \u{a0} here  \n  next "),
        "many spaces here\nnext"
    );
}

#[test]
fn sanitized_text_has_no_control_characters() {
    let nasty: String = (0u32..0x250).filter_map(char::from_u32).collect();
    let clean = sanitize(&nasty);
    assert!(
        clean.chars().all(|c| c == '\n' || !c.is_control()),
        "{clean:?}"
    );
}

#[test]
fn boilerplate_is_stripped_and_the_rest_stays_whole() {
    let strip = Boilerplate::default();
    let mut text = "Article continues after this advertisementUsers can use it.".to_owned();
    strip.strip(&mut text);
    assert_eq!(text, "Users can use it.");
    let mut text = "Before. Article continues after this advertisement After.".to_owned();
    strip.strip(&mut text);
    assert_eq!(text, "Before. After.");
}

#[test]
fn boilerplate_ignores_comments_and_blank_lines() {
    let strip = Boilerplate::new(["# comment", "", "  ad  "]);
    let mut text = "# comment ad here".to_owned();
    strip.strip(&mut text);
    assert_eq!(text, "# comment here");
}

#[test]
fn paragraphs_one_per_line() {
    let (title, body) = split_article("\n\nTitle\nfirst para\nsecond para\n");
    assert_eq!(title, "Title");
    assert_eq!(body, "first para\nsecond para");
}

#[test]
fn paragraphs_separated_by_blank_lines_join_their_lines() {
    let (title, body) = split_article("Title\n\nfirst line\nwrapped\n\n\n\nsecond\n");
    assert_eq!(title, "Title");
    assert_eq!(body, "first line wrapped\nsecond");
}

#[test]
fn title_only() {
    assert_eq!(
        split_article("Just a title"),
        ("Just a title", String::new())
    );
}

#[test]
fn single_line_joins_lines_with_one_space() {
    assert_eq!(single_line("\n a \n\n\n b\r\nc \n"), "a b c");
    assert_eq!(single_line("one line"), "one line");
    assert_eq!(single_line("\n\n"), "");
}

#[test]
fn a_text_as_short_as_the_shortest_phrase_is_still_stripped() {
    let strip = Boilerplate::new(["ad", "Advertisement"]);
    for (text, want) in [("ad", ""), ("a", "a"), ("x ad y", "x y"), ("", "")] {
        let mut text = text.to_owned();
        strip.strip(&mut text);
        assert_eq!(text, want);
    }
}
