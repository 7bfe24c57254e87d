// Lets the Lambda bootstrap load on Amazon Linux 2023 (glibc 2.34) when it is built on a newer glibc.
//
// A binary asks the loader for the symbol versions current when it was linked. Three calls in the
// static Swift runtime and libstdc++ would ask for versions AL2023 lacks: hypot and hypotf (new default
// versions in glibc 2.35) and arc4random (new in glibc 2.36, reached through std::random_device).
// scripts/package-lambda.sh points those names at the functions below with `--defsym` and keeps the
// names out of the binary's exported symbols, so the calls land here and these call what every glibc
// since 2.25 has. Without those linker flags nothing calls these functions.
#include "glibc_compat.h"
#include <math.h> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__) && (defined(__x86_64__) || defined(__aarch64__))
#include <stdint.h>
#include <sys/random.h>

#if defined(__x86_64__)
#define DARKROOM_GLIBC_BASE_VERSION "GLIBC_2.2.5"
#else
#define DARKROOM_GLIBC_BASE_VERSION "GLIBC_2.17"
#endif

// The architecture's first versions of hypot and hypotf: the same results, without the 2.35 symbol.
double darkroom_glibc_base_hypot(double x, double y);
float darkroom_glibc_base_hypotf(float x, float y);
__asm__(".symver darkroom_glibc_base_hypot, hypot@" DARKROOM_GLIBC_BASE_VERSION);
__asm__(".symver darkroom_glibc_base_hypotf, hypotf@" DARKROOM_GLIBC_BASE_VERSION);

double darkroom_compat_hypot(double x, double y) { return darkroom_glibc_base_hypot(x, y); }
float darkroom_compat_hypotf(float x, float y) { return darkroom_glibc_base_hypotf(x, y); }

// arc4random's contract (never fails, kernel randomness) from getrandom (glibc 2.25): it blocks only
// until the kernel's pool is first initialised, and a 4-byte read is never cut short except by a signal.
uint32_t darkroom_compat_arc4random(void) {
    uint32_t value;
    while (getrandom(&value, sizeof value, 0) != (ssize_t)sizeof value) {
    }
    return value;
}

#endif
