//! The process's allocator: the first `ARENA` bytes come from a static arena by bumping a pointer,
//! everything after from the system allocator.
//!
//! A warm call makes a few hundred small allocations and exits. musl's allocator maps and unmaps
//! pages for them (about half of a warm call's system calls); from the arena they cost an atomic add
//! and no system call, and freeing them costs nothing. A process that runs for days (`exec
//! --server`) uses the arena up early and then the system allocator: at most `ARENA` bytes are never
//! reused.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes served from the arena before the system allocator takes over.
const ARENA: usize = 256 * 1024;

#[repr(C, align(4096))]
struct Memory(UnsafeCell<[u8; ARENA]>);

// SAFETY: the bytes are handed out in disjoint ranges (the bump below is atomic), never twice.
unsafe impl Sync for Memory {}

static MEMORY: Memory = Memory(UnsafeCell::new([0; ARENA]));
/// The offset of the first byte not yet handed out.
static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct Arena;

fn in_arena(ptr: *mut u8) -> bool {
    let base = MEMORY.0.get() as usize;
    (base..base + ARENA).contains(&(ptr as usize))
}

// SAFETY: every block handed out is `layout.size()` bytes at `layout.align()` inside the arena, and
// no byte of the arena is handed out twice; the rest is `System`'s, with its own contract.
unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let base = MEMORY.0.get() as usize;
        let mut next = NEXT.load(Ordering::Relaxed);
        loop {
            let start = (base + next).next_multiple_of(layout.align()) - base;
            let Some(end) = start.checked_add(layout.size()).filter(|end| *end <= ARENA) else {
                // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
                return unsafe { System.alloc(layout) };
            };
            match NEXT.compare_exchange_weak(next, end, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return (base + start) as *mut u8,
                Err(now) => next = now,
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !in_arena(ptr) {
            // SAFETY: not ours, so `System` handed it out with this layout.
            unsafe { System.dealloc(ptr, layout) };
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !in_arena(ptr) {
            // SAFETY: not ours, so `System` handed it out with this layout.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // SAFETY: `GlobalAlloc::realloc` promises a valid size for this alignment.
        let grown = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a valid layout; the old block stays valid for the copy.
        let new = unsafe { self.alloc(grown) };
        if !new.is_null() {
            // SAFETY: both blocks are at least this long and do not overlap (the new one is new).
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_disjoint_and_survive_a_realloc() {
        let a = Arena;
        // SAFETY: valid layouts; each block is written only within its size.
        unsafe {
            let small = Layout::from_size_align(3, 1).unwrap();
            let wide = Layout::from_size_align(64, 64).unwrap();
            let p = a.alloc(small);
            let q = a.alloc(wide);
            assert_eq!(q as usize % 64, 0);
            assert!(q as usize >= p as usize + 3 || (q as usize) + 64 <= p as usize);
            p.copy_from_nonoverlapping(b"abc".as_ptr(), 3);
            let r = a.realloc(p, small, 1000);
            assert_eq!(std::slice::from_raw_parts(r, 3), b"abc");
            a.dealloc(r, Layout::from_size_align(1000, 1).unwrap());
            a.dealloc(q, wide);
            // Larger than the arena: the system allocator's, freed there.
            let big = Layout::from_size_align(ARENA + 1, 8).unwrap();
            let b = a.alloc(big);
            assert!(!b.is_null() && !in_arena(b));
            b.write(7);
            a.dealloc(b, big);
        }
    }
}
