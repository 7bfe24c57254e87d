// A small shim over FreeType for drawing label text: open a face, set a pixel size, render one glyph
// to an 8-bit coverage bitmap. Every name is prefixed `cft_` so nothing collides with FreeType's own.
#ifndef CFREETYPE_H
#define CFREETYPE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An open font face at one pixel size (FreeType library instance included; not thread-safe).
typedef struct cft_face cft_face;

/// One rendered glyph; `buffer` stays valid until the next cft_render call on the same face.
typedef struct {
    int width;          // bitmap columns
    int rows;           // bitmap rows
    int pitch;          // bytes per bitmap row
    int left;           // pen x to the bitmap's left edge
    int top;            // baseline to the bitmap's top edge (up is positive)
    int advance;        // pen advance in pixels
    const uint8_t *buffer; // coverage 0-255, rows*pitch bytes (NULL for an empty glyph)
} cft_glyph;

/// Opens the font file at `path` at `pixel_size`; NULL on failure with a message in `error`.
cft_face *cft_open(const char *path, int pixel_size, char *error, size_t error_size);

/// Closes a face opened by cft_open (NULL is allowed).
void cft_close(cft_face *face);

/// Line metrics in pixels: ascender (positive), descender (negative), line height.
void cft_metrics(const cft_face *face, int *ascender, int *descender, int *height);

/// Whether the font has a glyph of its own for `codepoint` (not the missing-glyph box).
int cft_has_glyph(const cft_face *face, uint32_t codepoint);

/// Renders `codepoint`; returns 0 on success, a FreeType error code otherwise.
int cft_render(cft_face *face, uint32_t codepoint, cft_glyph *glyph);

/// Kerning between two codepoints in pixels (0 when the font has none).
int cft_kerning(cft_face *face, uint32_t left, uint32_t right);

#ifdef __cplusplus
}
#endif

#endif
