use super::*;

const IDS: [&str; 4] = ["a", "b", "c", "d"];

fn t(n: u64) -> Stamp {
    Stamp(n)
}

#[test]
fn marks_toggle_and_read_back() {
    let mut s = ReadingState::default();
    assert!(!s.is_read("a") && !s.is_starred("a"));
    assert!(s.toggle_read("a", t(1)));
    assert!(s.is_read("a"));
    assert!(!s.toggle_read("a", t(2)));
    assert!(!s.is_read("a"));
    assert!(s.toggle_star("b", t(3)));
    assert!(s.is_starred("b") && !s.is_read("b"));
    assert!(s.mark_read("c", t(4)));
    assert!(!s.mark_read("c", t(5)), "already read: no change");
    assert_eq!(s.len(), 3);
}

#[test]
fn positions_and_last_open() {
    let mut s = ReadingState::default();
    assert_eq!(s.position("a"), 0);
    s.set_position("a", 12, t(1));
    s.set_position("b", 3, t(2));
    assert_eq!((s.position("a"), s.position("b")), (12, 3));
    assert_eq!(s.last_open(), None);
    s.set_last_open("b", t(3));
    assert_eq!(s.last_open(), Some("b"));
}

#[test]
fn every_view_shows_what_it_says() {
    let mut s = ReadingState::default();
    s.mark_read("a", t(1));
    s.toggle_star("b", t(2));
    s.mark_read("c", t(3));
    s.toggle_star("c", t(4));
    let id = |i: usize| IDS[i];
    assert_eq!(s.filter(View::All, IDS.len(), id), vec![0, 1, 2, 3]);
    assert_eq!(s.filter(View::Unread, IDS.len(), id), vec![1, 3]);
    assert_eq!(s.filter(View::Starred, IDS.len(), id), vec![1, 2]);
    assert_eq!(s.unread_count(IDS.len(), id), 2);
    assert!(s.shows(View::Unread, "zzz"), "unknown ids are unread");
}

#[test]
fn views_cycle_through_all_three_with_names() {
    let mut v = View::default();
    let mut names = Vec::new();
    for _ in 0..4 {
        names.push(v.name());
        v = v.cycle();
    }
    assert_eq!(names, ["all", "unread", "starred", "all"]);
    assert_eq!(
        View::ALL.map(View::cycle),
        [View::Unread, View::Starred, View::All]
    );
}

#[test]
fn undo_reverts_toggles_newest_first_but_not_opening() {
    let mut s = ReadingState::default();
    s.toggle_read("a", t(1));
    s.toggle_star("b", t(2));
    s.mark_read("c", t(3));
    let undone = s.undo(t(4)).unwrap();
    assert_eq!(
        (undone.id.as_str(), undone.mark, undone.value),
        ("b", Mark::Star, false)
    );
    assert!(!s.is_starred("b"));
    assert!(s.is_read("c"), "opening an article is not undone");
    assert_eq!(s.undo(t(5)).map(|u| u.id).as_deref(), Some("a"));
    assert!(!s.is_read("a"));
    assert_eq!(s.undo(t(6)), None);
}

#[test]
fn undo_wins_over_the_toggle_it_reverts_when_merged() {
    let mut s = ReadingState::default();
    s.toggle_read("a", t(10));
    let saved = s.clone();
    s.undo(t(10));
    let mut disk = saved;
    disk.merge(&s);
    assert!(!disk.is_read("a"));
}

#[test]
fn merge_keeps_the_newest_change_per_field() {
    let mut one = ReadingState::default();
    let mut two = ReadingState::default();
    one.toggle_read("a", t(1));
    two.toggle_star("a", t(2));
    two.toggle_read("b", t(3));
    one.toggle_read("b", t(4)); // newer: b read by one wins
    two.toggle_read("b", t(5)); // newer still: b unread
    one.set_position("c", 7, t(6));
    let mut ab = one.clone();
    ab.merge(&two);
    let mut ba = two.clone();
    ba.merge(&one);
    for s in [&ab, &ba] {
        assert!(s.is_read("a") && s.is_starred("a"));
        assert!(!s.is_read("b"));
        assert_eq!(s.position("c"), 7);
    }
    assert_eq!(ab.articles, ba.articles);
}

#[test]
fn stamps_keep_rising_when_the_clock_goes_back() {
    let mut s = ReadingState::default();
    s.toggle_read("a", t(100));
    s.toggle_read("a", t(50)); // the clock went back; this is still later
    let mut other = ReadingState::default();
    other.toggle_read("a", t(99));
    other.merge(&s);
    assert!(!other.is_read("a"));
}

#[test]
fn system_time_becomes_milliseconds() {
    let time = UNIX_EPOCH + std::time::Duration::from_millis(1_234);
    assert_eq!(Stamp::from(time), Stamp(1_234));
}

mod merging {
    use proptest::prelude::*;

    use super::*;

    /// One change by one of two instances: (instance, article, what).
    fn change() -> impl Strategy<Value = (usize, usize, u8)> {
        (0..2usize, 0..3usize, 0..4u8)
    }

    proptest! {
        /// Whatever two instances do, merging gives the same state in either
        /// order, merging twice changes nothing, and every field holds the
        /// value of its latest change.
        #[test]
        fn merge_is_order_free_and_keeps_the_latest(changes in prop::collection::vec(change(), 0..40)) {
            let mut states = [ReadingState::default(), ReadingState::default()];
            // (is_read, is_starred, position) as last written, per article.
            let mut latest = [(false, false, 0usize); 3];
            for (now, &(who, article, what)) in changes.iter().enumerate() {
                let (s, id, now) = (&mut states[who], IDS[article], t(now as u64 + 1));
                let l = &mut latest[article];
                match what {
                    0 => l.0 = s.toggle_read(id, now),
                    1 => l.1 = s.toggle_star(id, now),
                    2 => {
                        s.set_position(id, now.0 as usize, now);
                        l.2 = now.0 as usize;
                    }
                    _ => {
                        if let Some(undone) = s.undo(now) {
                            let i = IDS.iter().position(|x| *x == undone.id).unwrap();
                            match undone.mark {
                                Mark::Read => latest[i].0 = undone.value,
                                Mark::Star => latest[i].1 = undone.value,
                            }
                        }
                    }
                }
            }
            let [a, b] = states;
            let mut ab = a.clone();
            ab.merge(&b);
            let mut ba = b.clone();
            ba.merge(&a);
            prop_assert_eq!(&ab.articles, &ba.articles);
            let mut twice = ab.clone();
            twice.merge(&b);
            prop_assert_eq!(&twice.articles, &ab.articles);
            for (i, id) in IDS.iter().take(3).enumerate() {
                let got = (ab.is_read(id), ab.is_starred(id), ab.position(id));
                prop_assert_eq!(got, latest[i], "article {}", id);
            }
        }
    }
}
