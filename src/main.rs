fn main() -> std::process::ExitCode {
    limit_allocator_arenas();
    dossier::cli::run()
}

/// glibc gives each new thread its own allocator arena, up to eight per core. The threads
/// that read articles build text that lives for the whole session among their scratch
/// buffers, and the freed scratch stays stranded in each arena: one arena per core keeps
/// the threads apart while letting them reuse each other's freed memory (peak memory on
/// 10,000 articles 208 MB to 166 MB, at the same speed; see BENCHMARKS.md).
fn limit_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
        // SAFETY: called first thing in main, before any other thread exists or allocates.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
}

/// Runs before Rust's runtime replaces closed standard descriptors with /dev/null, which would
/// make `dossier people >&-` a silent success; ELF's initialisers run before `main`.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
extern "C" fn note_closed_stdout() {
    // SAFETY: fcntl only asks whether the descriptor is open.
    if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
        dossier::cli::output::note_closed_stdout();
    }
}
