//! How the binary's allocator, mimalloc, gives memory back to the system.

/// `mi_option_purge_delay` in mimalloc.h (15 in v2 and v3; the crate builds
/// v3), which libmimalloc-sys does not name: the one after
/// `eager_commit_delay` (14).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system at once, not a second later.
///
/// mimalloc (v3) gives back what was freed after a delay of a second, and
/// only when the allocator runs again on some thread: once a load hands its
/// corpus over and the one before is dropped, the reader allocates nothing
/// and kept what it no longer used (its resident memory at 100k text
/// articles was 1.67x their bytes, 1.33x with this). Giving back at once
/// costs a load some system time (about 8% on a million one-line entries,
/// whose peak memory falls by a third).
///
/// Call it first thing in `main`, before any other thread starts. Without
/// mimalloc as the allocator (the tests) it only sets an unused option.
pub fn give_back_at_once() {
    // SAFETY: mimalloc's options are plain globals, set here before any
    // other thread exists to read them; the call takes no pointer.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}

#[cfg(test)]
mod tests {
    #[allow(unsafe_code)]
    fn purge_delay() -> std::ffi::c_long {
        // SAFETY: as above; the test that reads it is the only one to set it.
        unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) }
    }

    #[test]
    fn the_option_set_is_the_purge_delay_and_it_becomes_nothing() {
        // mimalloc v3's default, 1 s (options.c): the constant names that option.
        assert_eq!(purge_delay(), 1000);
        super::give_back_at_once();
        assert_eq!(purge_delay(), 0);
    }
}
