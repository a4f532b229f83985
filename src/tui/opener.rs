//! Which program opens a link: `$BROWSER` (its first `:`-separated entry,
//! split on spaces; `%s` stands for the link), else the configured
//! `opener`, else `xdg-open` (`open` on macOS). The link is always one
//! argument, and no shell ever runs.

use std::ffi::OsString;
use std::process::Command;

/// The command that opens `url`, given `$BROWSER` and the configured opener.
pub fn command(url: &str, browser: Option<OsString>, opener: &[String]) -> Command {
    let from_env: Vec<String> = browser
        .and_then(|b| b.into_string().ok())
        .and_then(|b| b.split(':').next().map(str::to_owned))
        .map(|first| first.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let fallback = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let words: Vec<String> = match (from_env.is_empty(), opener.is_empty()) {
        (false, _) => from_env,
        (true, false) => opener.to_vec(),
        (true, true) => vec![fallback.to_owned()],
    };
    let mut command = Command::new(&words[0]);
    let mut placed = false;
    for word in &words[1..] {
        if word.contains("%s") {
            command.arg(word.replace("%s", url));
            placed = true;
        } else {
            command.arg(word);
        }
    }
    if !placed {
        command.arg(url);
    }
    command
}

/// The OSC 52 sequence that puts `text` on the clipboard ("c"), base64 as
/// the sequence wants it. tmux passes it on with `set-clipboard on`.
pub fn osc52(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::from("\x1b]52;c;");
    for chunk in text.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out.push('\x07');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(c: &Command) -> Vec<String> {
        std::iter::once(c.get_program())
            .chain(c.get_args())
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn browser_then_opener_then_xdg_open() {
        let url = "https://example.com/a b;rm -rf";
        let c = command(url, Some("w3m -o x:firefox".into()), &["lynx".into()]);
        assert_eq!(
            words(&c),
            ["w3m", "-o", "x", url],
            "the first entry; the link one argument"
        );
        let c = command(url, Some("my-open --url=%s --new".into()), &[]);
        assert_eq!(words(&c), ["my-open", &format!("--url={url}"), "--new"]);
        let c = command(url, None, &["firefox".into(), "--new-tab".into()]);
        assert_eq!(words(&c), ["firefox", "--new-tab", url]);
        let c = command(url, Some("".into()), &[]);
        assert_eq!(words(&c)[1..], [url]);
    }

    #[test]
    fn osc52_is_base64_between_the_markers() {
        assert_eq!(osc52("https://a.b/"), "\x1b]52;c;aHR0cHM6Ly9hLmIv\x07");
        assert_eq!(osc52("ab"), "\x1b]52;c;YWI=\x07");
        assert_eq!(osc52("a"), "\x1b]52;c;YQ==\x07");
    }
}
