// FreeType's headers, found through pkg-config (freetype2); only the CFreeType shim uses them.
#include <ft2build.h>
#include FT_FREETYPE_H
