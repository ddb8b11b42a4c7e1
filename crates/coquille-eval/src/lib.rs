//! Shared helpers of the evaluation harnesses in `examples/`.

pub mod real;
