#pragma once
// Rows times an s8 matrix, u8 · s8 summed in int32, with vpmaddubsw (AVX2 or AVX-512BW) or
// AVX-VNNI's vpdpbusd: the int8 product of a decoding step's rows (one, a beam's five) and of
// batches at the avx2, avx2_vnni and avx512 (no AVX-512 VNNI) tiers, where oneDNN 2.6's gemm
// re-packs its weights on every call and reads them at about 6 GB/s. Internal to core/ops
// (Linear).

#include <cstdint>
#include <vector>

namespace attentive::ops {

class U8S8RowProduct {
public:
    // The instructions that do the sums: vpmaddubsw + vpmaddwd + vpaddd on 256 bits (avx2) or
    // 512 bits (avx512, AVX-512BW: twice the products per instruction, which is what a beam's
    // five rows need, as they are bound by arithmetic rather than by reading the weights), or
    // AVX-VNNI's vpdpbusd (avx2_vnni: one instruction for the three).
    enum class Kernel { avx2, avx2_vnni, avx512 };

    // weights: [n_out, n_in] s8, row-major, every |w| <= 63 (vpmaddubsw adds two u8 · s8
    // products in 16 bits with saturation: 2 · 255 · 63 fits, 2 · 255 · 127 does not).
    U8S8RowProduct(const std::int8_t* weights, int n_out, int n_in, Kernel kernel = Kernel::avx2);

    // The length of each row of x: n_in rounded up to a multiple of 8 (the entries past n_in
    // are multiplied by zero weights).
    int padded_in() const { return m_padded_in; }
    // acc[r, n] = Σ_k x[r, k] · w[n, k] for any number of rows; x: [rows, padded_in()],
    // acc: [rows, n_out]. Each weight is read from memory once for all the rows. Splits the
    // outputs over the OpenMP threads when there are many and the caller is not in a parallel
    // region.
    void multiply(int rows, const std::uint8_t* x, std::int32_t* acc) const;

private:
    int steps() const;  // of the packing, the last one padded

    int m_n_out = 0;
    int m_padded_in = 0;
    Kernel m_kernel = Kernel::avx2;
    int m_block = 8;  // outputs per block: the int32 lanes of one vector
    int m_step_blocks = 2;  // blocks per step of the packing (u8s8_row_product.cpp)
    // steps() steps of m_step_blocks blocks of m_block outputs (zeros past n_out); per step, per
    // group of 4 inputs and per block, 4 · m_block bytes: output j's 4 weights at bytes
    // 4j..4j+3, which one vpmaddubsw multiplies by the group's 4 inputs broadcast.
    std::vector<std::int8_t> m_packed;
};

}  // namespace attentive::ops
