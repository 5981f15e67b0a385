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

// A tile is a few blocks of outputs times a few rows: each group's weights are loaded once for
// all its rows and each row's four inputs once for all its blocks, and its blocks' sums are
// independent chains of additions, so that neither the loads nor the latency of vpdpbusd bound
// the sums. The sums stay in registers (16 on 256 bits): 4 blocks for 1-2 rows, 3 for 3-4, 2
// for 5-6; more rows go in tiles of at most 4. Measured on a Zen 4 (one thread, the reference
// shape's four decoder products, sum of the best of 300): AVX-VNNI one row 262 -> 120 µs, five
// (a beam) 370 -> 266, eight 541 -> 396; vpmaddubsw on 256 bits one row 153 -> 124, five and
// eight unchanged (bound by its three instructions per product); on 512 bits 120 -> 108, 241
// -> 225, 396 -> 356. One block at a time, a row's sums were one chain of vpdpbusd, bound by
// its latency.
constexpr int kMaxTileBlocks = 4;
constexpr int kMaxTileRows = 6;
constexpr int kBatchTileRows = 4;  // the rows per tile when there are more than kMaxTileRows
int tile_blocks_for(int tile_rows) { return tile_rows <= 2 ? 4 : tile_rows <= 4 ? 3 : 2; }

// Where a tile reads and writes: its blocks' packed weights, `block_bytes` apart, its rows of x,
// `stride` bytes apart, and their sums for the outputs from first_output on, into acc
// ([rows, n_out]; the last block may hold fewer outputs than a vector has lanes).
struct Tile {
    const std::int8_t* weights;  // the first block's packed weights
    std::size_t block_bytes;     // packed bytes per block
    int groups;
    const std::uint8_t* x;
    int stride;
    int first_output;
    int n_out;
    std::int32_t* acc;
};

// Every loop over a tile's rows or blocks is unrolled, so that its sums stay in registers.
#define ATTENTIVE_UNROLL _Pragma("GCC unroll 16")

// One tile's sums for Rows rows and Blocks blocks, vpmaddubsw + vpmaddwd + vpaddd on 256 bits.
template <int Blocks, int Rows>
__attribute__((target("avx2"))) void tile_avx2(const Tile& t) {
    const __m256i ones = _mm256_set1_epi16(1);
    __m256i sums[Rows * Blocks];  // row r, block b at r * Blocks + b
    ATTENTIVE_UNROLL
    for (int r = 0; r < Rows; ++r)
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b) sums[r * Blocks + b] = _mm256_setzero_si256();
    for (int g = 0; g < t.groups; ++g) {
        __m256i weights[Blocks];
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b)
            weights[b] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.weights + b * t.block_bytes + g * 32));
        ATTENTIVE_UNROLL
        for (int r = 0; r < Rows; ++r) {
            std::int32_t four;
            std::memcpy(&four, t.x + static_cast<std::size_t>(r) * t.stride + g * kGroup, 4);
            const __m256i inputs = _mm256_set1_epi32(four);
            ATTENTIVE_UNROLL
            for (int b = 0; b < Blocks; ++b)
                sums[r * Blocks + b] = _mm256_add_epi32(sums[r * Blocks + b], _mm256_madd_epi16(_mm256_maddubs_epi16(inputs, weights[b]), ones));
        }
    }
    ATTENTIVE_UNROLL
    for (int r = 0; r < Rows; ++r)
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b) {
            alignas(32) std::int32_t lanes[kBlock];
            _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sums[r * Blocks + b]);
            const int base = t.first_output + b * kBlock;
            for (int j = 0; j < kBlock && base + j < t.n_out; ++j) t.acc[static_cast<std::size_t>(r) * t.n_out + base + j] = lanes[j];
        }
}

// The same with AVX-VNNI (Alder Lake and later without AVX-512): one vpdpbusd does the work of
// vpmaddubsw, vpmaddwd and vpaddd.
template <int Blocks, int Rows>
__attribute__((target("avx2,avxvnni"))) void tile_avx2_vnni(const Tile& t) {
    __m256i sums[Rows * Blocks];  // row r, block b at r * Blocks + b
    ATTENTIVE_UNROLL
    for (int r = 0; r < Rows; ++r)
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b) sums[r * Blocks + b] = _mm256_setzero_si256();
    for (int g = 0; g < t.groups; ++g) {
        __m256i weights[Blocks];
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b)
            weights[b] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.weights + b * t.block_bytes + g * 32));
        ATTENTIVE_UNROLL
        for (int r = 0; r < Rows; ++r) {
            std::int32_t four;
            std::memcpy(&four, t.x + static_cast<std::size_t>(r) * t.stride + g * kGroup, 4);
            const __m256i inputs = _mm256_set1_epi32(four);
            ATTENTIVE_UNROLL
            for (int b = 0; b < Blocks; ++b) sums[r * Blocks + b] = _mm256_dpbusd_avx_epi32(sums[r * Blocks + b], inputs, weights[b]);
        }
    }
    ATTENTIVE_UNROLL
    for (int r = 0; r < Rows; ++r)
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b) {
            alignas(32) std::int32_t lanes[kBlock];
            _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sums[r * Blocks + b]);
            const int base = t.first_output + b * kBlock;
            for (int j = 0; j < kBlock && base + j < t.n_out; ++j) t.acc[static_cast<std::size_t>(r) * t.n_out + base + j] = lanes[j];
        }
}

// The same on 512 bits with AVX-512BW, blocks of 16 outputs.
template <int Blocks, int Rows>
__attribute__((target("avx512f,avx512bw"))) void tile_avx512(const Tile& t) {
    const __m512i ones = _mm512_set1_epi16(1);
    __m512i sums[Rows * Blocks];  // row r, block b at r * Blocks + b
    ATTENTIVE_UNROLL
    for (int r = 0; r < Rows; ++r)
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b) sums[r * Blocks + b] = _mm512_setzero_si512();
    for (int g = 0; g < t.groups; ++g) {
        __m512i weights[Blocks];
        ATTENTIVE_UNROLL
        for (int b = 0; b < Blocks; ++b) weights[b] = _mm512_loadu_si512(t.weights + b * t.block_bytes + g * 64);
        ATTENTIVE_UNROLL
        for (int r = 0; r < Rows; ++r) {
            std::int32_t four;
            std::memcpy(&four, t.x + static_cast<std::size_t>(r) * t.stride + g * kGroup, 4);
            const __m512i inputs = _mm512_set1_epi32(four);
            ATTENTIVE_UNROLL
            for (int b = 0; b < Blocks; ++b)
                sums[r * Blocks + b] = _mm512_add_epi32(sums[r * Blocks + b], _mm512_madd_epi16(_mm512_maddubs_epi16(inputs, weights[b]), ones));
        }
    }
    ATTENTIVE_UNROLL
    for (int b = 0; b < Blocks; ++b) {
        const int base = t.first_output + b * kWideBlock;
        const __mmask16 lanes =
            base + kWideBlock <= t.n_out ? __mmask16(0xffff) : __mmask16((1u << (t.n_out - base)) - 1);
        ATTENTIVE_UNROLL
        for (int r = 0; r < Rows; ++r)
            _mm512_mask_storeu_epi32(t.acc + static_cast<std::size_t>(r) * t.n_out + base, lanes, sums[r * Blocks + b]);
    }
}

using TileKernel = void (*)(const Tile&);
using TileTable = std::array<std::array<TileKernel, kMaxTileRows>, kMaxTileBlocks>;

template <template <int, int> class Kernel, std::size_t... Rows>
constexpr TileTable tile_table(std::index_sequence<Rows...>) {
    return {{{Kernel<1, Rows + 1>::run...}, {Kernel<2, Rows + 1>::run...}, {Kernel<3, Rows + 1>::run...},
             {Kernel<4, Rows + 1>::run...}}};
}
template <int B, int R> struct Avx2Tile { static void run(const Tile& t) { tile_avx2<B, R>(t); } };
template <int B, int R> struct Avx2VnniTile { static void run(const Tile& t) { tile_avx2_vnni<B, R>(t); } };
template <int B, int R> struct Avx512Tile { static void run(const Tile& t) { tile_avx512<B, R>(t); } };
constexpr auto kRowCounts = std::make_index_sequence<kMaxTileRows>();
constexpr TileTable kAvx2Tiles = tile_table<Avx2Tile>(kRowCounts);
constexpr TileTable kAvx2VnniTiles = tile_table<Avx2VnniTile>(kRowCounts);
constexpr TileTable kAvx512Tiles = tile_table<Avx512Tile>(kRowCounts);

}  // namespace

U8S8RowProduct::U8S8RowProduct(const std::int8_t* weights, int n_out, int n_in, Kernel kernel)
    : m_n_out(n_out), m_padded_in((n_in + kGroup - 1) / kGroup * kGroup), m_kernel(kernel),
      m_block(kernel == Kernel::avx512 ? kWideBlock : kBlock) {
    const int blocks = (n_out + m_block - 1) / m_block;
    const int groups = m_padded_in / kGroup;
    m_packed.assign(static_cast<std::size_t>(blocks) * groups * m_block * kGroup, 0);
    for (int n = 0; n < n_out; ++n) {
        const int block = n / m_block, j = n % m_block;
        for (int k = 0; k < n_in; ++k) {
            const std::size_t at = (static_cast<std::size_t>(block) * groups + k / kGroup) * m_block * kGroup +
                                   j * kGroup + k % kGroup;
            m_packed[at] = weights[static_cast<std::size_t>(n) * n_in + k];
        }
    }
}

void U8S8RowProduct::multiply(int rows, const std::uint8_t* x, std::int32_t* acc) const {
    if (rows <= 0) return;
    const int blocks = (m_n_out + m_block - 1) / m_block;
    const int groups = m_padded_in / kGroup;
    const TileTable& tiles = m_kernel == Kernel::avx2_vnni ? kAvx2VnniTiles
                             : m_kernel == Kernel::avx512  ? kAvx512Tiles
                                                           : kAvx2Tiles;
    // Rows in tiles of nearly equal size (10 rows as 3 + 3 + 4, not 4 + 4 + 2).
    const int max_tile_rows = rows <= kMaxTileRows ? rows : kBatchTileRows;
    const int row_tiles = (rows + max_tile_rows - 1) / max_tile_rows;
    const int step_blocks = tile_blocks_for(max_tile_rows);
    const std::size_t block_bytes = static_cast<std::size_t>(groups) * m_block * kGroup;
    // Every row of a step of blocks before the next step, so that their weights are read from
    // memory once and from the L1 cache for the other row tiles.
    const auto multiply_blocks = [&](int first, int last) {
        for (int block = first; block < last; block += step_blocks) {
            const int tile_blocks = std::min(step_blocks, last - block);
            for (int tile = 0, row = 0; tile < row_tiles; ++tile) {
                const int tile_rows = (rows - row) / (row_tiles - tile);
                const Tile t{m_packed.data() + block * block_bytes, block_bytes, groups,
                             x + static_cast<std::size_t>(row) * m_padded_in, m_padded_in, block * m_block, m_n_out,
                             acc + static_cast<std::size_t>(row) * m_n_out};
                tiles[tile_blocks - 1][tile_rows - 1](t);
                row += tile_rows;
            }
        }
    };
    // Below a few hundred KB of weights a second thread costs more than it reads.
    const bool split = m_packed.size() >= (std::size_t{256} << 10) &&
                       omp_get_max_threads() > 1 && !omp_in_parallel();
    if (!split) {
        multiply_blocks(0, blocks);
        return;
    }
#pragma omp parallel
    {
        // Whole steps of blocks per thread.
        const int steps = (blocks + step_blocks - 1) / step_blocks;
        const int threads = omp_get_num_threads(), thread = omp_get_thread_num();
        const int first = static_cast<int>(static_cast<long>(steps) * thread / threads) * step_blocks;
        const int last = std::min(blocks, static_cast<int>(static_cast<long>(steps) * (thread + 1) / threads) * step_blocks);
        multiply_blocks(first, last);
    }
}

}  // namespace attentive::ops
