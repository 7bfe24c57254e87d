#include "cfreetype.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <stdio.h>
#include <stdlib.h>

struct cft_face {
    FT_Library library;
    FT_Face face;
};

cft_face *cft_open(const char *path, int pixel_size, char *error, size_t error_size) {
    cft_face *result = calloc(1, sizeof(cft_face));
    if (result == NULL) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    FT_Error status = FT_Init_FreeType(&result->library);
    if (status != 0) {
        snprintf(error, error_size, "FreeType could not start (error %d)", status);
        free(result);
        return NULL;
    }
    status = FT_New_Face(result->library, path, 0, &result->face);
    if (status != 0) {
        snprintf(error, error_size, "FreeType could not open the font (error %d)", status);
        FT_Done_FreeType(result->library);
        free(result);
        return NULL;
    }
    status = FT_Set_Pixel_Sizes(result->face, 0, (FT_UInt)pixel_size);
    if (status != 0) {
        snprintf(error, error_size, "the font has no %d-pixel size (error %d)", pixel_size, status);
        cft_close(result);
        return NULL;
    }
    return result;
}

void cft_close(cft_face *face) {
    if (face == NULL) return;
    FT_Done_Face(face->face);
    FT_Done_FreeType(face->library);
    free(face);
}

void cft_metrics(const cft_face *face, int *ascender, int *descender, int *height) {
    const FT_Size_Metrics *metrics = &face->face->size->metrics;
    *ascender = (int)(metrics->ascender >> 6);
    *descender = (int)(metrics->descender >> 6);
    *height = (int)(metrics->height >> 6);
}

int cft_has_glyph(const cft_face *face, uint32_t codepoint) {
    return FT_Get_Char_Index(face->face, codepoint) != 0;
}

int cft_render(cft_face *face, uint32_t codepoint, cft_glyph *glyph) {
    FT_Error status = FT_Load_Char(face->face, codepoint, FT_LOAD_RENDER);
    if (status != 0) return (int)status;
    FT_GlyphSlot slot = face->face->glyph;
    glyph->width = (int)slot->bitmap.width;
    glyph->rows = (int)slot->bitmap.rows;
    glyph->pitch = slot->bitmap.pitch;
    glyph->left = slot->bitmap_left;
    glyph->top = slot->bitmap_top;
    glyph->advance = (int)(slot->advance.x >> 6);
    glyph->buffer = slot->bitmap.buffer;
    return 0;
}

int cft_kerning(cft_face *face, uint32_t left, uint32_t right) {
    if (!FT_HAS_KERNING(face->face)) return 0;
    FT_Vector delta;
    FT_UInt a = FT_Get_Char_Index(face->face, left);
    FT_UInt b = FT_Get_Char_Index(face->face, right);
    if (FT_Get_Kerning(face->face, a, b, FT_KERNING_DEFAULT, &delta) != 0) return 0;
    return (int)(delta.x >> 6);
}
