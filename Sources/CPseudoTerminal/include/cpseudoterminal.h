#ifndef DARKROOM_CPSEUDOTERMINAL_H
#define DARKROOM_CPSEUDOTERMINAL_H
#include <spawn.h>
#include <stddef.h>
#include <sys/ioctl.h>

/// Opens a pseudo-terminal pair of `rows`x`columns` cells (and the given pixel size), both ends close-on-exec
/// from the start and neither made a controlling terminal here. Writes the slave's path into `name` (of
/// `name_length` bytes). Returns 0, or an errno value (nothing is left open then).
int darkroom_pty_open(int *master, int *slave, char *name, size_t name_length, const struct winsize *size);

/// Adds "close every descriptor from `lowest` up" to spawn file actions (glibc 2.34+). Returns 0 or an errno value.
int darkroom_pty_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

/// Opens a pipe, both ends close-on-exec from the start (pipe2), so a child spawned meanwhile on another thread
/// cannot inherit them. Returns 0, or an errno value.
int darkroom_pipe_open(int ends[2]);

#endif
