// The test support's pseudo-terminals and pipes, in C because Swift's Glibc module does not import the XSI and GNU
// calls they need (posix_openpt, grantpt, unlockpt, ptsname_r, posix_spawn_file_actions_addclosefrom_np, pipe2).
#define _GNU_SOURCE
#include "cpseudoterminal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int darkroom_pty_open(int *master, int *slave, char *name, size_t name_length, const struct winsize *size) {
    int opened = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (opened < 0) return errno;
    if (grantpt(opened) != 0 || unlockpt(opened) != 0 || ptsname_r(opened, name, name_length) != 0) {
        int failure = errno;
        close(opened);
        return failure;
    }
    int peer = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (peer < 0 || ioctl(opened, TIOCSWINSZ, size) != 0) {
        int failure = errno;
        if (peer >= 0) close(peer);
        close(opened);
        return failure;
    }
    *master = opened;
    *slave = peer;
    return 0;
}

int darkroom_pty_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

int darkroom_pipe_open(int ends[2]) {
    return pipe2(ends, O_CLOEXEC) == 0 ? 0 : errno;
}
