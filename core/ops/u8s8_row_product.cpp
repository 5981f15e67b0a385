#include "core/ops/u8s8_row_product.h"

#include <immintrin.h>
#include <omp.h>

#include <cstring>

namespace attentive::ops {

namespace {

constexpr int kBlock = 8;   // outputs per block: eight int32 lanes
constexpr int kGroup = 4;   // inputs per group: four bytes per output and vpmaddubsw + vpmaddwd

// A group's 4 input bytes, in every 32-bit lane.
__attribute__((target("avx2"), always_inline)) inline __m256i group_inputs(const std::uint8_t* at) {
    std::int32_t inputs;
    std::memcpy(&inputs, at, 4);
    return _mm256_set1_epi32(inputs);
}

// One block's sums for each row into acc ([rows, n_out]): its outputs base.. (fewer than 8 in the last block).
template <int Rows>
__attribute__((target("avx2"), always_inline)) inline void store_block(const __m256i* sums, int base, int n_out,
                                                                       std::int32_t* acc) {
    for (int r = 0; r < Rows; ++r) {
        alignas(32) std::int32_t lanes[kBlock];
        _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sums[r]);
        for (int j = 0; j < kBlock && base + j < n_out; ++j) acc[static_cast<std::size_t>(r) * n_out + base + j] = lanes[j];
    }
}

// Sums of the blocks [first, last) for `Rows` rows of x (each `stride` bytes apart) into acc
// ([Rows, n_out]; the last block may hold fewer than 8 outputs). Each group of weights is loaded
// once for all the rows.
template <int Rows>
__attribute__((target("avx2"))) void multiply_blocks(const std::int8_t* packed, int groups, const std::uint8_t* x,
                                                     int stride, int first, int last, int n_out, std::int32_t* acc) {
    const __m256i ones = _mm256_set1_epi16(1);
    for (int block = first; block < last; ++block) {
        const std::int8_t* w = packed + static_cast<std::size_t>(block) * groups * kBlock * kGroup;
        __m256i sums[Rows];
        for (int r = 0; r < Rows; ++r) sums[r] = _mm256_setzero_si256();
        for (int g = 0; g < groups; ++g) {
            const __m256i weights = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + g * 32));
            for (int r = 0; r < Rows; ++r) {
                const __m256i inputs = group_inputs(x + static_cast<std::size_t>(r) * stride + g * kGroup);
                const __m256i pairs = _mm256_maddubs_epi16(inputs, weights);
                sums[r] = _mm256_add_epi32(sums[r], _mm256_madd_epi16(pairs, ones));
            }
        }
        store_block<Rows>(sums, block * kBlock, n_out, acc);
    }
}

// The same with AVX-VNNI (Alder Lake and later without AVX-512): one vpdpbusd does the work of
// vpmaddubsw, vpmaddwd and vpaddd, so a few rows cost a third of the instructions.
template <int Rows>
__attribute__((target("avx2,avxvnni"))) void multiply_blocks_vnni(const std::int8_t* packed, int groups,
                                                                  const std::uint8_t* x, int stride, int first,
                                                                  int last, int n_out, std::int32_t* acc) {
    for (int block = first; block < last; ++block) {
        const std::int8_t* w = packed + static_cast<std::size_t>(block) * groups * kBlock * kGroup;
        __m256i sums[Rows];
        for (int r = 0; r < Rows; ++r) sums[r] = _mm256_setzero_si256();
        for (int g = 0; g < groups; ++g) {
            const __m256i weights = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + g * 32));
            for (int r = 0; r < Rows; ++r) {
                const __m256i inputs = group_inputs(x + static_cast<std::size_t>(r) * stride + g * kGroup);
                sums[r] = _mm256_dpbusd_avx_epi32(sums[r], inputs, weights);
            }
        }
        store_block<Rows>(sums, block * kBlock, n_out, acc);
    }
}

using BlocksKernel = void (*)(const std::int8_t*, int, const std::uint8_t*, int, int, int, int, std::int32_t*);
constexpr BlocksKernel kKernels[] = {multiply_blocks<1>, multiply_blocks<2>, multiply_blocks<3>, multiply_blocks<4>,
                                     multiply_blocks<5>, multiply_blocks<6>, multiply_blocks<7>, multiply_blocks<8>};
constexpr BlocksKernel kVnniKernels[] = {multiply_blocks_vnni<1>, multiply_blocks_vnni<2>, multiply_blocks_vnni<3>,
                                         multiply_blocks_vnni<4>, multiply_blocks_vnni<5>, multiply_blocks_vnni<6>,
                                         multiply_blocks_vnni<7>, multiply_blocks_vnni<8>};

}  // namespace

U8S8RowProduct::U8S8RowProduct(const std::int8_t* weights, int n_out, int n_in, bool vnni)
    : m_n_out(n_out), m_padded_in((n_in + kGroup - 1) / kGroup * kGroup), m_vnni(vnni) {
    const int blocks = (n_out + kBlock - 1) / kBlock;
    const int groups = m_padded_in / kGroup;
    m_packed.assign(static_cast<std::size_t>(blocks) * groups * kBlock * kGroup, 0);
    for (int n = 0; n < n_out; ++n) {
        const int block = n / kBlock, j = n % kBlock;
        for (int k = 0; k < n_in; ++k) {
            const std::size_t at = (static_cast<std::size_t>(block) * groups + k / kGroup) * kBlock * kGroup +
                                   j * kGroup + k % kGroup;
            m_packed[at] = weights[static_cast<std::size_t>(n) * n_in + k];
        }
    }
}

void U8S8RowProduct::multiply(int rows, const std::uint8_t* x, std::int32_t* acc) const {
    const int blocks = (m_n_out + kBlock - 1) / kBlock;
    const int groups = m_padded_in / kGroup;
    const BlocksKernel kernel = m_vnni ? kVnniKernels[rows - 1] : kKernels[rows - 1];
    // Below a few hundred KB of weights a second thread costs more than it reads.
    const bool split = static_cast<std::size_t>(blocks) * groups * 32 >= (std::size_t{256} << 10) &&
                       omp_get_max_threads() > 1 && !omp_in_parallel();
    if (!split) {
        kernel(m_packed.data(), groups, x, m_padded_in, 0, blocks, m_n_out, acc);
        return;
    }
#pragma omp parallel
    {
        const int threads = omp_get_num_threads(), thread = omp_get_thread_num();
        const int first = static_cast<int>(static_cast<long>(blocks) * thread / threads);
        const int last = static_cast<int>(static_cast<long>(blocks) * (thread + 1) / threads);
        kernel(m_packed.data(), groups, x, m_padded_in, first, last, m_n_out, acc);
    }
}

}  // namespace attentive::ops
