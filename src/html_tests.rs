use super::*;

fn body(html: &str) -> String {
    render_field(html, true, None).body
}

fn base() -> Url {
    Url::parse("https://example.com/news/story.html").expect("a URL")
}

#[test]
fn paragraphs_and_headings_are_lines_of_their_own() {
    let html = "<h2>Heading</h2><p>Hello <b>world</b> &amp; friends</p><div>Two\n  lines</div>";
    assert_eq!(body(html), "Heading\nHello world & friends\nTwo lines");
}

#[test]
fn lists_keep_bullets_numbers_and_nesting() {
    let html = "<ul><li>one</li><li>two<ol start=3><li>three</li><li>four</li></ol></li></ul>";
    assert_eq!(body(html), "• one\n• two\n  3. three\n  4. four");
}

#[test]
fn quotes_pre_and_tables_keep_their_shape() {
    let html = "<blockquote><p>said</p><p>twice</p></blockquote>\
        <pre>fn main() {\n    go();\n}</pre>\
        <table><tr><th>A</th><th>B</th></tr><tr><td><p>1</p></td><td>2</td></tr></table>";
    assert_eq!(
        body(html),
        "│ said\n│ twice\nfn main() {\n    go();\n}\nA │ B\n1 │ 2"
    );
}

#[test]
fn images_show_alt_text_and_captions() {
    let html = "<figure><img src=a.png alt='A cat'><figcaption>Our cat</figcaption></figure>\
        <p>Before <img src=b.png> after</p>";
    assert_eq!(body(html), "[image: A cat]\n[image: Our cat]\nBefore after");
}

#[test]
fn links_are_numbered_once_each_and_resolved() {
    let html = "<p><a href='/a'>First</a>, <a href='https://other.org/b'>second</a> \
        and <a href='/a'>first again</a>.</p>";
    let rendered = render_field(html, true, Some(&base()));
    assert_eq!(rendered.body, "First [1], second [2] and first again [1].");
    assert_eq!(
        rendered.links,
        ["https://example.com/a", "https://other.org/b"]
    );
    let (body, links) = rendered.into_parts();
    assert!(body.ends_with("Links:\n[1] https://example.com/a\n[2] https://other.org/b"));
    assert_eq!(links.len(), 2);
}

#[test]
fn only_http_https_and_mailto_links_are_offered() {
    let html = "<a href='javascript:alert(1)'>js</a> <a href='java&#9;script:x'>tab</a> \
        <a href=' JAVASCRIPT:x'>upper</a> <a href='data:text/html,x'>data</a> \
        <a href='file:///etc/passwd'>file</a> <a href='#top'>top</a> \
        <a href='mailto:a@b.org'>mail</a> <a href='relative'>rel</a>";
    let rendered = render_field(html, true, None);
    assert_eq!(rendered.links, ["mailto:a@b.org"]);
    assert_eq!(rendered.body, "js tab upper data file top mail [1] rel");
}

#[test]
fn entity_spelled_escapes_are_cleaned_after_decoding() {
    // HTML decodes `&#x9b;` as Windows-1252 would, to `›`: harmless. The
    // C1 character itself, raw, is a control sequence introducer.
    let html = "<p>a&#27;[2Jb &#x9b;31mc \u{9b}31md &#x1b;]0;title&#7; e&#8238;f</p>";
    let text = body(html);
    assert_eq!(text, "ab ›31mc d ef");
    assert!(!text.chars().any(char::is_control), "{text:?}");
}

#[test]
fn scripts_styles_frames_and_forms_are_dropped() {
    let html = "<p>kept</p><script>alert(1)</script><style>p{}</style>\
        <iframe src=x>frame</iframe><object>obj</object><form>form</form>\
        <template>tpl</template><noscript>nos</noscript>";
    assert_eq!(body(html), "kept");
}

#[test]
fn markup_or_entities_make_a_field_html() {
    assert!(looks_like_html("<p>Hello</p>"));
    assert!(looks_like_html("Tom &amp; Jerry"));
    assert!(looks_like_html("it&#39;s"));
    assert!(looks_like_html("a<br/>b"));
    assert!(!looks_like_html("AT&T and a < b > c"));
    assert!(!looks_like_html("x &y z; <3"));
    assert_eq!(
        render_field("AT&T <3\n\nnext", false, None).body,
        "AT&T <3\nnext"
    );
    assert_eq!(
        render_field("Tom &amp; Jerry", false, None).body,
        "Tom & Jerry"
    );
}

#[test]
fn nesting_past_the_walk_depth_renders_as_text() {
    let html = format!("{}deep{}", "<div><b>".repeat(200), "</b></div>".repeat(200));
    assert_eq!(body(&html), "deep");
}

#[test]
fn nesting_past_the_limit_is_cut_before_parsing() {
    let html = format!("<p>top</p>{}deep", "<div>".repeat(100_000));
    let rendered = render_field(&html, true, None);
    assert!(rendered.cut);
    assert_eq!(rendered.body, "top");
}

#[test]
fn markup_is_cut_at_the_element_limit() {
    let (kept, cut) = cut_markup("<p>a<p>b<p>c", 2);
    assert_eq!((kept, cut), ("<p>a<p>b", true));
    assert_eq!(cut_markup("<p>a", 2), ("<p>a", false));
    // Closed elements, void ones and `/>` do not nest.
    let flat = "<div></div><br><img/><li>".repeat(1_000);
    assert_eq!(cut_markup(&flat, MAX_ELEMENTS), (flat.as_str(), false));
}
