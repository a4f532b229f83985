//! Full articles on demand: many feeds carry only a summary, so the page
//! an item links to is fetched, its article found as saved pages' are
//! (readability, [`crate::corpus::article_text`]), and its text kept in
//! the archive. A feed's own `full_text` fetches without being asked, so
//! it may not make byline ask this machine or its network for pages
//! ([`may_fetch_unasked`]); a user's `F` may.

use std::net::IpAddr;

use super::{Client, Conditional, FetchError, Got, get};
use crate::corpus::LoadOptions;

/// The article at `url` (http or https only), fetched within the client's
/// limits, as text: paragraphs one a line, its links listed at the end.
pub fn fetch_full_text(
    url: &str,
    client: &Client,
    options: &LoadOptions,
) -> Result<String, FetchError> {
    let response = get(client, url, &Conditional::default())?;
    match response.got {
        Got::Body { bytes, .. } => crate::corpus::article_text(&bytes, &response.url, options)
            .map_err(|e| FetchError::NoArticle(crate::clean::single_line(&e.to_string()))),
        // Not asked conditionally, so not expected.
        Got::NotModified => Err(FetchError::NoArticle("the server sent no page".to_owned())),
    }
}

/// Whether a fetch nobody asked for (a feed's `full_text`) may fetch
/// `link`, found in the feed at `feed_url`: not a local or private address,
/// unless the feed itself is local (a user's own feed on their network).
pub fn may_fetch_unasked(feed_url: &str, link: &str) -> bool {
    !is_local(link) || is_local(feed_url)
}

/// Whether `url` names this machine or a private network by its address
/// (or `localhost`): such links in a remote feed are never fetched on
/// their own, so that a feed cannot make byline probe the local network.
/// Names that only resolve to such addresses are not caught: that would
/// need a lookup per link.
pub fn is_local(url: &str) -> bool {
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    match parsed.host() {
        Some(url::Host::Ipv4(ip)) => is_private(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => is_private(IpAddr::V6(ip)),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost") || name.ends_with(".local")
        }
        None => false,
    }
}

fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| is_private(IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_and_private_addresses_are_told_apart_from_public_ones() {
        for local in [
            "http://127.0.0.1:8080/a",
            "http://localhost/x",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://[::1]/",
            "http://[fe80::1]/",
            "http://printer.local/",
            "http://169.254.1.1/",
        ] {
            assert!(is_local(local), "{local}");
        }
        for public in [
            "https://example.com/a",
            "http://93.184.216.34/",
            "http://[2001:db8::1]/",
        ] {
            assert!(!is_local(public), "{public}");
        }
    }

    #[test]
    fn a_remote_feed_never_makes_byline_fetch_local_pages_by_itself() {
        let remote = "https://news.example/feed";
        let local = "http://127.0.0.1:8080/feed";
        assert!(may_fetch_unasked(remote, "https://news.example/story"));
        for probe in [
            "http://127.0.0.1:631/admin",
            "http://192.168.1.1/setup",
            "http://localhost:9200/_cat",
            "http://[::1]/",
        ] {
            assert!(!may_fetch_unasked(remote, probe), "{probe}");
            assert!(may_fetch_unasked(local, probe), "a local feed: {probe}");
        }
        assert!(may_fetch_unasked(local, "https://news.example/story"));
    }
}
