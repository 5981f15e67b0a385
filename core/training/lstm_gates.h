#pragma once
// One LSTM step's cell arithmetic for training, over `rows` rows of `hidden` units, with the
// gates [i | f | g | o] as PyTorch and oneDNN order them. The matrix products around it are the
// caller's: the input-fed decoder steps its layers by hand so that the weight gradients of all
// steps become one product per layer (gradients.cpp).

namespace attentive {

// `gates` holds x·W_ihᵀ + h·W_hhᵀ on entry and the activated gates (σ(i), σ(f), tanh(g), σ(o))
// on return, kept for lstm_gates_backward. c = σ(f)·c_prev + σ(i)·tanh(g), h = σ(o)·tanh(c):
// ops::apply_gates's arithmetic (the same vector_sigmoid and vector_tanh), which inference runs
// without storing the gates.
void lstm_gates_forward(int rows, int hidden, float* gates, const float* bias, const float* c_prev,
                        float* c, float* h);

// From the gradients reaching h and c of this step (`dh`; `dc`, which is overwritten with the
// gradient reaching c_prev), the gradient of the gates before activation, into `d_gates`.
void lstm_gates_backward(int rows, int hidden, const float* gates, const float* c_prev, const float* c,
                         const float* dh, float* dc, float* d_gates);

}  // namespace attentive
