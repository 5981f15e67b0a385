#pragma once
// A few rows times an s8 matrix, u8 · s8 summed in int32, with AVX2 (vpmaddubsw): the int8
// product of up to kMaxRows rows at the avx2, avx2_vnni and avx512 (no AVX-512 VNNI) tiers,
// where oneDNN 2.6's gemm re-packs its weights on every call and reads them at about 6 GB/s; at
// the avx2 tier also batches of up to 64 rows, kMaxRows at a time. Internal to core/ops (Linear).

#include <cstdint>
#include <vector>

namespace attentive::ops {

class U8S8RowProduct {
public:
    // weights: [n_out, n_in] s8, row-major, every |w| <= 63 (vpmaddubsw adds two u8 · s8
    // products in 16 bits with saturation: 2 · 255 · 63 fits, 2 · 255 · 127 does not). `vnni`:
    // the CPU has AVX-VNNI, and vpdpbusd does the sums (no saturation; a third of the work).
    U8S8RowProduct(const std::int8_t* weights, int n_out, int n_in, bool vnni = false);

    static constexpr int kMaxRows = 8;

    // The length of each row of x: n_in rounded up to a multiple of 4 (the entries past n_in
    // are multiplied by zero weights).
    int padded_in() const { return m_padded_in; }
    // acc[r, n] = Σ_k x[r, k] · w[n, k] for 1 <= rows <= kMaxRows; x: [rows, padded_in()],
    // acc: [rows, n_out]. Each weight is read once for all the rows. Splits the outputs over the
    // OpenMP threads when there are many and the caller is not in a parallel region.
    void multiply(int rows, const std::uint8_t* x, std::int32_t* acc) const;

private:
    int m_n_out = 0;
    int m_padded_in = 0;
    bool m_vnni = false;
    // Blocks of 8 outputs; per block and per group of 4 inputs, 32 bytes: output j's 4 weights
    // at bytes 4j..4j+3, which one vpmaddubsw multiplies by the group's 4 inputs broadcast.
    std::vector<std::int8_t> m_packed;
};

}  // namespace attentive::ops
