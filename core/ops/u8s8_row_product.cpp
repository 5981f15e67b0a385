#include "core/ops/u8s8_row_product.h"

#include <immintrin.h>
#include <omp.h>

#include <cstring>

namespace attentive::ops {

namespace {

constexpr int kBlock = 8;        // outputs per block on 256 bits: eight int32 lanes
constexpr int kWideBlock = 16;   // on 512 bits
constexpr int kGroup = 4;        // inputs per group: four bytes per output and vpmaddubsw + vpmaddwd

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

// The same on 512 bits with AVX-512BW, blocks of 16 outputs.
template <int Rows>
__attribute__((target("avx512f,avx512bw"))) void multiply_blocks_avx512(const std::int8_t* packed, int groups,
                                                                       const std::uint8_t* x, int stride, int first,
                                                                       int last, int n_out, std::int32_t* acc) {
    const __m512i ones = _mm512_set1_epi16(1);
    for (int block = first; block < last; ++block) {
        const std::int8_t* w = packed + static_cast<std::size_t>(block) * groups * kWideBlock * kGroup;
        __m512i sums[Rows];
        for (int r = 0; r < Rows; ++r) sums[r] = _mm512_setzero_si512();
        for (int g = 0; g < groups; ++g) {
            const __m512i weights = _mm512_loadu_si512(w + g * 64);
            for (int r = 0; r < Rows; ++r) {
                std::int32_t four;
                std::memcpy(&four, x + static_cast<std::size_t>(r) * stride + g * kGroup, 4);
                const __m512i pairs = _mm512_maddubs_epi16(_mm512_set1_epi32(four), weights);
                sums[r] = _mm512_add_epi32(sums[r], _mm512_madd_epi16(pairs, ones));
            }
        }
        const int base = block * kWideBlock;
        const __mmask16 lanes = base + kWideBlock <= n_out ? __mmask16(0xffff) : __mmask16((1u << (n_out - base)) - 1);
        for (int r = 0; r < Rows; ++r)
            _mm512_mask_storeu_epi32(acc + static_cast<std::size_t>(r) * n_out + base, lanes, sums[r]);
    }
}

using BlocksKernel = void (*)(const std::int8_t*, int, const std::uint8_t*, int, int, int, int, std::int32_t*);
constexpr BlocksKernel kKernels[] = {multiply_blocks<1>, multiply_blocks<2>, multiply_blocks<3>, multiply_blocks<4>,
                                     multiply_blocks<5>, multiply_blocks<6>, multiply_blocks<7>, multiply_blocks<8>};
constexpr BlocksKernel kVnniKernels[] = {multiply_blocks_vnni<1>, multiply_blocks_vnni<2>, multiply_blocks_vnni<3>,
                                         multiply_blocks_vnni<4>, multiply_blocks_vnni<5>, multiply_blocks_vnni<6>,
                                         multiply_blocks_vnni<7>, multiply_blocks_vnni<8>};
constexpr BlocksKernel kAvx512Kernels[] = {multiply_blocks_avx512<1>, multiply_blocks_avx512<2>,
                                           multiply_blocks_avx512<3>, multiply_blocks_avx512<4>,
                                           multiply_blocks_avx512<5>, multiply_blocks_avx512<6>,
                                           multiply_blocks_avx512<7>, multiply_blocks_avx512<8>};

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
    const int blocks = (m_n_out + m_block - 1) / m_block;
    const int groups = m_padded_in / kGroup;
    const BlocksKernel kernel = m_kernel == Kernel::avx2_vnni ? kVnniKernels[rows - 1]
                                : m_kernel == Kernel::avx512  ? kAvx512Kernels[rows - 1]
                                                              : kKernels[rows - 1];
    // Below a few hundred KB of weights a second thread costs more than it reads.
    const bool split = m_packed.size() >= (std::size_t{256} << 10) &&
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
