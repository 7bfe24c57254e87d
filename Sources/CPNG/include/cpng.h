#ifndef DARKROOM_CPNG_H
#define DARKROOM_CPNG_H
#include <stddef.h>
/// The libpng version this shim was compiled against.
const char *cpng_libpng_version(void);
#endif
