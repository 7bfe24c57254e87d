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

/* Mouse reports, every button's press and release but no motion. mmask_t's bits are function-like macros, which
   Swift does not import. mousemask writes the terminal's own way of asking for them (terminfo's XM, xterm's SGR
   mode 1006 where kmous is \E[<) and endwin turns them off again. Every button, though the app takes only the
   left one and the wheel: a report outside the mask is read and dropped inside curses, and input read to nothing
   looks like a terminal that hung up. An interval of 0 reports a press at once instead of waiting to tell a click
   from a double click. Answers whether the terminal can report any. */
static inline int darkroom_curses_report_mouse(int on) {
    mouseinterval(0);
    return mousemask(on ? ALL_MOUSE_EVENTS : 0, NULL) != 0;
}

/* The report behind the KEY_MOUSE just read, as its 0-based cell and which event: 1 the left button pressed, 4 the
   wheel up, 5 the wheel down, 0 another (a release, another button); -1 when there is none. A press and its
   release read together (a quick tap, or both in one packet over SSH) come as one click, even with an interval of
   0: that is a press too, and the release it swallowed is not reported apart. */
static inline int darkroom_curses_mouse_event(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}
#endif
