#ifndef DARKROOM_CNCURSES_SHIM_H
#define DARKROOM_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <wchar.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#include <ncursesw/curses.h>

/* wcwidth under a given LC_CTYPE locale, restoring the thread's locale afterwards. */
static inline int darkroom_wcwidth_in(locale_t locale, unsigned int scalar) {
    locale_t previous = uselocale(locale);
    int width = wcwidth((wchar_t)scalar);
    uselocale(previous);
    return width;
}

/* curses and stdio keep these in mutable globals, which Swift 6 refuses to read directly; the UI thread
   reads them through these accessors (ncurses is used from that one thread only). */
static inline WINDOW *darkroom_curses_stdscr(void) { return stdscr; }
static inline int darkroom_curses_colors(void) { return COLORS; }
static inline int darkroom_curses_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *darkroom_stdout(void) { return stdout; }
static inline FILE *darkroom_stdin(void) { return stdin; }

/* An anonymous file in memory, close-on-exec, for capturing curses' output (memfd_create, Linux 3.17): -1 with errno
   set when there is none (ENOSYS on an older kernel or another system). Through syscall(2): glibc declares
   memfd_create only under _GNU_SOURCE, which Swift's Glibc module is built without, and syscall is variadic. */
static inline int darkroom_memfd_create(const char *name) {
#if defined(__linux__) && defined(SYS_memfd_create)
    return (int)syscall(SYS_memfd_create, name, 1U /* MFD_CLOEXEC */);
#else
    (void)name;
    errno = ENOSYS;
    return -1;
#endif
}
#endif
