#ifndef DARKROOM_CPNG_H
#define DARKROOM_CPNG_H
#include <stddef.h>
#include <stdint.h>

/// The libpng version this shim was compiled against.
const char *cpng_libpng_version(void);

/// Outcome of a shim call. libpng's longjmp never leaves the shim: it becomes one of these codes,
/// with the libpng message available from the decoder or encoder.
typedef enum {
    CPNG_OK = 0,
    CPNG_NOT_PNG = 1,
    CPNG_TRUNCATED = 2,
    CPNG_CORRUPT = 3,
    CPNG_NO_MEMORY = 4,
    CPNG_INVALID_ARGUMENT = 5,
} cpng_status;

// MARK: Decoding

/// Reads a PNG held in memory, one row at a time, transformed to RGBA with 8 bits per channel.
typedef struct cpng_decoder cpng_decoder;

/// Creates a decoder over `bytes` (borrowed: they must outlive the decoder). NULL when out of memory.
cpng_decoder *cpng_decoder_create(const uint8_t *bytes, size_t length);
void cpng_decoder_destroy(cpng_decoder *decoder);

/// Reads the chunks up to the image data and sets up the RGBA8 transforms (palette, grey, tRNS,
/// 16-bit, interlace). The caller checks its pixel budget from IHDR before, with no libpng involved.
/// With `allow_rgb`, an opaque non-interlaced image is delivered as RGB8 (3 channels), sparing the
/// pass that adds an alpha channel; `cpng_decoder_channels` says which.
cpng_status cpng_decoder_read_header(cpng_decoder *decoder, int allow_rgb);
uint32_t cpng_decoder_width(const cpng_decoder *decoder);
uint32_t cpng_decoder_height(const cpng_decoder *decoder);
/// Whether the file is Adam7-interlaced (rows are then only final after the whole image is read).
int cpng_decoder_is_interlaced(const cpng_decoder *decoder);
/// Bytes per pixel of the decoded rows: 4 (RGBA) or 3 (RGB, only when `allow_rgb` was given).
int cpng_decoder_channels(const cpng_decoder *decoder);

/// Decodes the whole image into `pixels` (width * height * channels bytes), then checks the rest of the file.
cpng_status cpng_decoder_read_image(cpng_decoder *decoder, uint8_t *pixels);
/// Decodes the next row of a non-interlaced image into `row` (width * channels bytes).
cpng_status cpng_decoder_read_row(cpng_decoder *decoder, uint8_t *row);
/// After the last row: reads the chunks after the image data up to IEND.
cpng_status cpng_decoder_finish(cpng_decoder *decoder);

/// The message of the last failure (libpng's words), or "" when none.
const char *cpng_decoder_message(const cpng_decoder *decoder);

// MARK: Encoding

/// Encodes 8-bit RGBA (channels 4) or RGB (channels 3) rows into a PNG held in `*out` (malloc'd;
/// free it with cpng_free). `message` receives libpng's words on failure.
cpng_status cpng_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                        uint8_t **out, size_t *out_length, char *message, size_t message_capacity);

/// The same encoding fed one row at a time (another thread may produce the rows while earlier ones are
/// compressed): create, write exactly `height` rows, finish (the PNG in `*out`, cpng_free), destroy.
typedef struct cpng_encoder cpng_encoder;
cpng_status cpng_encoder_create(uint32_t width, uint32_t height, int channels, cpng_encoder **out, char *message,
                                size_t message_capacity);
cpng_status cpng_encoder_write_row(cpng_encoder *encoder, const uint8_t *row);
cpng_status cpng_encoder_finish(cpng_encoder *encoder, uint8_t **out, size_t *out_length);
const char *cpng_encoder_message(const cpng_encoder *encoder);
void cpng_encoder_destroy(cpng_encoder *encoder);

// MARK: zlib helpers for text chunks

/// CRC-32 as PNG chunks use it, continuing from `crc` (start with 0).
uint32_t cpng_crc32(uint32_t crc, const uint8_t *bytes, size_t length);
/// Inflates a zlib stream into `*out` (malloc'd, cpng_free), refusing output over `max_length`.
cpng_status cpng_inflate(const uint8_t *bytes, size_t length, size_t max_length, uint8_t **out, size_t *out_length);
/// Deflates into a zlib stream in `*out` (malloc'd, cpng_free).
cpng_status cpng_deflate(const uint8_t *bytes, size_t length, uint8_t **out, size_t *out_length);
void cpng_free(void *pointer);

#endif
