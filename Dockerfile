# A small image with the `coquille` binary only.
#
#   docker build -t coquille .
#   docker run --rm -v "$PWD:/work" coquille check content/
#   docker run --rm -p 8080:8080 coquille serve --addr 0.0.0.0:8080
#
# Stage 1 builds a release binary with the locked dependencies; stage 2 is a
# distroless image (glibc, no shell, no package manager) that runs it as the
# unprivileged user `nonroot` (uid 65532).

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p coquille-cli \
 && strip target/release/coquille

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/coquille /usr/local/bin/coquille
USER nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/coquille"]
CMD ["--help"]
