#ifndef DARKROOM_CNCURSES_SHIM_H
#define DARKROOM_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
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
#endif
