//! Counting the bytes a workload allocates: a global allocator that wraps
//! the system's and keeps two numbers, the bytes live now and the most
//! that were live at once since the last [`start`].
//!
//! The binary installs it (`src/main.rs`); a test binary does not, and
//! then [`installed`] is false and memory is "not measured". What it
//! counts is what Rust asked for (`Layout::size`), not what malloc
//! rounded it up to, nor its own bookkeeping: the same thing CPython's
//! `tracemalloc` counts on the Python side.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// The system allocator, counted.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static INSTALLED: AtomicBool = AtomicBool::new(false);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

fn shrank(bytes: usize) {
    LIVE.fetch_sub(bytes, Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; the counters
// only watch.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        INSTALLED.store(true, Relaxed);
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        INSTALLED.store(true, Relaxed);
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            grew(new_size);
            shrank(layout.size());
        }
        new
    }
}

/// Whether [`Counting`] is this program's allocator.
pub fn installed() -> bool {
    // Any allocation tells; make one, in case none has happened yet.
    drop(std::hint::black_box(Box::new(0u64)));
    INSTALLED.load(Relaxed)
}

/// From now on, count the peak from here: returns the bytes live now.
pub fn start() -> usize {
    let live = LIVE.load(Relaxed);
    PEAK.store(live, Relaxed);
    live
}

/// The most bytes live at once since [`start`] returned `base`, above
/// `base`; `None` if the allocator is not installed.
pub fn peak_since(base: usize) -> Option<u64> {
    installed().then(|| PEAK.load(Relaxed).saturating_sub(base) as u64)
}
