#include "core/ops/u8s8_row_product.h"

#include <immintrin.h>
#include <omp.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace attentive::ops {

namespace {

constexpr int kBlock = 8;        // outputs per block on 256 bits: eight int32 lanes
constexpr int kWideBlock = 16;   // on 512 bits
constexpr int kGroup = 4;        // inputs per group: four bytes per output and vpmaddubsw + vpmaddwd
constexpr int kInputAlign = 8;   // padded_in: two groups, one per chain

// The weights are packed in steps of blocks of outputs (2 on 256 bits, 1 on 512), a group's
// inputs for the step's blocks side by side, so that a pass over a step reads one stream of
// memory (a stream per block read weights from memory 10-50% slower at one row). On 512 bits
// (AVX-512 without VNNI) steps of 2 or 4 blocks were no faster than one.
//
// A tile is a step's blocks times a few rows: each group's weights are loaded once for all its
// rows and each row's four inputs once for all its blocks. Its sums stay in registers (16 on
// 256 bits, 32 on 512): tiles of at most 6 rows. A tile keeps at least 8 independent sums, so
// that the latency of vpdpbusd does not bound it: with fewer rows, the even and the odd groups
// add into separate sums (two chains). Measured on a Zen 4 (the reference shape's four decoder
// products, weights in cache, one thread, sum of the best of 300) against one block and one
// chain at a time: AVX-VNNI one row 249 -> 112 µs, five (a beam) 351 -> 250, eight 517 -> 437;
// vpmaddubsw on 256 bits 150 -> 109, 429 -> 426, 707 -> 685 (bound by its three instructions
// per product); on 512 bits unchanged (101-104, 210-218).
constexpr int kMaxTileRows = 6;
constexpr int kMinTileSums = 8;

// Where a tile reads and writes: its first block's weights for the first group (the next
// block's `vector bytes` on, the next group's `group_stride` on), its rows of x, `stride` bytes
// apart, and their sums for the outputs from first_output on, into acc ([rows, n_out]; blocks
// past n_out, padding of the last step, are not stored).
struct Tile {
    const std::int8_t* weights;  // the first block's packed weights
    std::size_t group_stride;    // packed bytes per group of a step
    int groups;
    const std::uint8_t* x;
    int stride;
    int first_output;
    int n_out;
    std::int32_t* acc;
};

// Every loop over a tile's rows, blocks or chains is unrolled, so that its sums stay in registers.
#define ATTENTIVE_UNROLL _Pragma("GCC unroll 16")

// A 256-bit tile's sums, its chains added, into acc (lanes past n_out are not stored).
template <int Blocks, int Rows, int Chains>
__attribute__((target("avx2"), always_inline)) inline void store_tile(const Tile& t, const __m256i* sums) {
    ATTENTIVE_UNROLL
    for (int r = 0; r < Rows; ++r)
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b) {
            __m256i sum = sums[r * Blocks + b];
            ATTENTIVE_UNROLL
            for (int c = 1; c < Chains; ++c) sum = _mm256_add_epi32(sum, sums[(c * Rows + r) * Blocks + b]);
            alignas(32) std::int32_t lanes[kBlock];
            _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sum);
            const int base = t.first_output + b * kBlock;
            for (int j = 0; j < kBlock && base + j < t.n_out; ++j) t.acc[static_cast<std::size_t>(r) * t.n_out + base + j] = lanes[j];
        }
}

// One tile's sums for Rows rows and Blocks blocks, vpmaddubsw + vpmaddwd + vpaddd on 256 bits.
// With Chains = 2 the even and the odd groups add into separate sums, added at the end: two
// independent chains per row and block where few rows make few.
template <int Blocks, int Rows, int Chains>
__attribute__((target("avx2"))) void tile_avx2(const Tile& t) {
    const __m256i ones = _mm256_set1_epi16(1);
    __m256i sums[Chains * Rows * Blocks];  // chain c, row r, block b at (c * Rows + r) * Blocks + b
    ATTENTIVE_UNROLL
    for (int i = 0; i < Chains * Rows * Blocks; ++i) sums[i] = _mm256_setzero_si256();
    // groups is even (padded_in is a multiple of 8), so the chains take the same number.
    for (int g = 0; g < t.groups; g += Chains) {
        ATTENTIVE_UNROLL
        for (int chain = 0; chain < Chains; ++chain) {
            const int group = g + chain;
            __m256i weights[Blocks];
            ATTENTIVE_UNROLL
            for (int b = 0; b < Blocks; ++b)
                weights[b] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.weights + group * t.group_stride + b * 32));
            ATTENTIVE_UNROLL
            for (int r = 0; r < Rows; ++r) {
                std::int32_t four;
                std::memcpy(&four, t.x + static_cast<std::size_t>(r) * t.stride + group * kGroup, 4);
                const __m256i inputs = _mm256_set1_epi32(four);
                ATTENTIVE_UNROLL
                for (int b = 0; b < Blocks; ++b) {
                    __m256i& sum = sums[(chain * Rows + r) * Blocks + b];
                    sum = _mm256_add_epi32(sum, _mm256_madd_epi16(_mm256_maddubs_epi16(inputs, weights[b]), ones));
                }
            }
        }
    }
    store_tile<Blocks, Rows, Chains>(t, sums);
}

// The same with AVX-VNNI (Alder Lake and later without AVX-512): one vpdpbusd does the work of
// vpmaddubsw, vpmaddwd and vpaddd, in a chain of several cycles' latency.
template <int Blocks, int Rows, int Chains>
__attribute__((target("avx2,avxvnni"))) void tile_avx2_vnni(const Tile& t) {
    __m256i sums[Chains * Rows * Blocks];  // chain c, row r, block b at (c * Rows + r) * Blocks + b
    ATTENTIVE_UNROLL
    for (int i = 0; i < Chains * Rows * Blocks; ++i) sums[i] = _mm256_setzero_si256();
    // groups is even (padded_in is a multiple of 8), so the chains take the same number.
    for (int g = 0; g < t.groups; g += Chains) {
        ATTENTIVE_UNROLL
        for (int chain = 0; chain < Chains; ++chain) {
            const int group = g + chain;
            __m256i weights[Blocks];
            ATTENTIVE_UNROLL
            for (int b = 0; b < Blocks; ++b)
                weights[b] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.weights + group * t.group_stride + b * 32));
            ATTENTIVE_UNROLL
            for (int r = 0; r < Rows; ++r) {
                std::int32_t four;
                std::memcpy(&four, t.x + static_cast<std::size_t>(r) * t.stride + group * kGroup, 4);
                const __m256i inputs = _mm256_set1_epi32(four);
                ATTENTIVE_UNROLL
                for (int b = 0; b < Blocks; ++b) {
                    __m256i& sum = sums[(chain * Rows + r) * Blocks + b];
                    sum = _mm256_dpbusd_avx_epi32(sum, inputs, weights[b]);
                }
            }
        }
    }
    store_tile<Blocks, Rows, Chains>(t, sums);
}

// The same on 512 bits with AVX-512BW, blocks of 16 outputs.
template <int Blocks, int Rows, int Chains>
__attribute__((target("avx512f,avx512bw"))) void tile_avx512(const Tile& t) {
    const __m512i ones = _mm512_set1_epi16(1);
    __m512i sums[Chains * Rows * Blocks];  // chain c, row r, block b at (c * Rows + r) * Blocks + b
    ATTENTIVE_UNROLL
    for (int i = 0; i < Chains * Rows * Blocks; ++i) sums[i] = _mm512_setzero_si512();
    // groups is even (padded_in is a multiple of 8), so the chains take the same number.
    for (int g = 0; g < t.groups; g += Chains) {
        ATTENTIVE_UNROLL
        for (int chain = 0; chain < Chains; ++chain) {
            const int group = g + chain;
            __m512i weights[Blocks];
            ATTENTIVE_UNROLL
            for (int b = 0; b < Blocks; ++b) weights[b] = _mm512_loadu_si512(t.weights + group * t.group_stride + b * 64);
            ATTENTIVE_UNROLL
            for (int r = 0; r < Rows; ++r) {
                std::int32_t four;
                std::memcpy(&four, t.x + static_cast<std::size_t>(r) * t.stride + group * kGroup, 4);
                const __m512i inputs = _mm512_set1_epi32(four);
                ATTENTIVE_UNROLL
                for (int b = 0; b < Blocks; ++b) {
                    __m512i& sum = sums[(chain * Rows + r) * Blocks + b];
                    sum = _mm512_add_epi32(sum, _mm512_madd_epi16(_mm512_maddubs_epi16(inputs, weights[b]), ones));
                }
            }
        }
    }
    ATTENTIVE_UNROLL
    for (int b = 0; b < Blocks; ++b) {
        const int base = t.first_output + b * kWideBlock;
        if (base >= t.n_out) break;
        const __mmask16 lanes =
            base + kWideBlock <= t.n_out ? __mmask16(0xffff) : __mmask16((1u << (t.n_out - base)) - 1);
        ATTENTIVE_UNROLL
        for (int r = 0; r < Rows; ++r) {
            __m512i sum = sums[r * Blocks + b];
            ATTENTIVE_UNROLL
            for (int c = 1; c < Chains; ++c) sum = _mm512_add_epi32(sum, sums[(c * Rows + r) * Blocks + b]);
            _mm512_mask_storeu_epi32(t.acc + static_cast<std::size_t>(r) * t.n_out + base, lanes, sum);
        }
    }
}

using TileKernel = void (*)(const Tile&);
using TileTable = std::array<std::array<TileKernel, kMaxTileRows>, 2>;  // [chains - 1][rows - 1]

template <template <int, int> class Kernel, std::size_t... Rows>
constexpr TileTable tile_table(std::index_sequence<Rows...>) {
    return {{{Kernel<Rows + 1, 1>::run...}, {Kernel<Rows + 1, 2>::run...}}};
}
constexpr int kNarrowStepBlocks = 2;  // on 256 bits: 16 outputs
constexpr int kWideStepBlocks = 1;    // on 512 bits: 16 outputs
template <int R, int C> struct Avx2Tile { static void run(const Tile& t) { tile_avx2<kNarrowStepBlocks, R, C>(t); } };
template <int R, int C> struct Avx2VnniTile {
    static void run(const Tile& t) { tile_avx2_vnni<kNarrowStepBlocks, R, C>(t); }
};
template <int R, int C> struct Avx512Tile { static void run(const Tile& t) { tile_avx512<kWideStepBlocks, R, C>(t); } };
constexpr auto kRowCounts = std::make_index_sequence<kMaxTileRows>();
constexpr TileTable kAvx2Tiles = tile_table<Avx2Tile>(kRowCounts);
constexpr TileTable kAvx2VnniTiles = tile_table<Avx2VnniTile>(kRowCounts);
constexpr TileTable kAvx512Tiles = tile_table<Avx512Tile>(kRowCounts);

}  // namespace

U8S8RowProduct::U8S8RowProduct(const std::int8_t* weights, int n_out, int n_in, Kernel kernel)
    : m_n_out(n_out), m_padded_in((n_in + kInputAlign - 1) / kInputAlign * kInputAlign), m_kernel(kernel),
      m_block(kernel == Kernel::avx512 ? kWideBlock : kBlock),
      m_step_blocks(kernel == Kernel::avx512 ? kWideStepBlocks : kNarrowStepBlocks) {
    const int groups = m_padded_in / kGroup;
    const std::size_t block_group_bytes = static_cast<std::size_t>(m_block) * kGroup;
    m_packed.assign(static_cast<std::size_t>(steps()) * groups * m_step_blocks * block_group_bytes, 0);
    for (int n = 0; n < n_out; ++n) {
        const int block = n / m_block, j = n % m_block;
        const int step = block / m_step_blocks, block_in_step = block % m_step_blocks;
        for (int k = 0; k < n_in; ++k) {
            const std::size_t at =
                ((static_cast<std::size_t>(step) * groups + k / kGroup) * m_step_blocks + block_in_step) * block_group_bytes +
                j * kGroup + k % kGroup;
            m_packed[at] = weights[static_cast<std::size_t>(n) * n_in + k];
        }
    }
}

int U8S8RowProduct::steps() const {
    const int step_outputs = m_step_blocks * m_block;
    return (m_n_out + step_outputs - 1) / step_outputs;
}

void U8S8RowProduct::multiply(int rows, const std::uint8_t* x, std::int32_t* acc) const {
    if (rows <= 0) return;
    const int groups = m_padded_in / kGroup;
    const TileTable& tiles = m_kernel == Kernel::avx2_vnni ? kAvx2VnniTiles
                             : m_kernel == Kernel::avx512  ? kAvx512Tiles
                                                           : kAvx2Tiles;
    // Rows in tiles of nearly equal size (8 rows as 4 + 4, not 6 + 2).
    const int row_tiles = (rows + kMaxTileRows - 1) / kMaxTileRows;
    const std::size_t group_stride = static_cast<std::size_t>(m_step_blocks) * m_block * kGroup;
    // Every row of a step before the next step, so that its weights are read from memory once
    // and from the cache for the other row tiles.
    const auto multiply_steps = [&](int first, int last) {
        for (int step = first; step < last; ++step) {
            const std::int8_t* step_weights = m_packed.data() + static_cast<std::size_t>(step) * groups * group_stride;
            for (int tile = 0, row = 0; tile < row_tiles; ++tile) {
                const int tile_rows = (rows - row) / (row_tiles - tile);
                const int chains = tile_rows * m_step_blocks < kMinTileSums ? 2 : 1;
                const Tile t{step_weights, group_stride, groups, x + static_cast<std::size_t>(row) * m_padded_in,
                             m_padded_in, step * m_step_blocks * m_block, m_n_out,
                             acc + static_cast<std::size_t>(row) * m_n_out};
                tiles[chains - 1][tile_rows - 1](t);
                row += tile_rows;
            }
        }
    };
    // Below a few hundred KB of weights a second thread costs more than it reads.
    const bool split = m_packed.size() >= (std::size_t{256} << 10) &&
                       omp_get_max_threads() > 1 && !omp_in_parallel();
    if (!split) {
        multiply_steps(0, steps());
        return;
    }
#pragma omp parallel
    {
        const int threads = omp_get_num_threads(), thread = omp_get_thread_num();
        multiply_steps(static_cast<int>(static_cast<long>(steps()) * thread / threads),
                       static_cast<int>(static_cast<long>(steps()) * (thread + 1) / threads));
    }
}

}  // namespace attentive::ops
