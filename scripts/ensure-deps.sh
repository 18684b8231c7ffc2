#!/bin/sh
# Installs what the build, the tests and the demo need, when it is missing, on
# Debian 12: the toolchain (clang with its sanitizer and libFuzzer runtimes
# for the fuzz targets), chromium (for the demo's pictures) and valgrind (for
# the benchmark's instruction counts) from apt, and
# the build's minifier (terser) and the test-only npm tools of tests/miniprogram/ (miniprogram-ci,
# miniprogram-simulate, jsdom, typescript, miniprogram-api-typings) from its lock file. Does
# nothing when all is there.
set -e
cd "$(dirname "$0")/.."

missing=""
command -v emcc >/dev/null 2>&1 || missing="$missing emscripten"
command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
command -v make >/dev/null 2>&1 || missing="$missing make"
[ -f /usr/include/nlohmann/json.hpp ] || missing="$missing nlohmann-json3-dev"
[ -f /usr/include/catch2/catch.hpp ] || missing="$missing catch2"
[ -x /usr/bin/clang++-14 ] || missing="$missing clang-14"
[ -f /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] || missing="$missing libclang-rt-14-dev"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$missing fonts-noto-cjk"

if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

node -e 'const [major] = process.versions.node.split("."); if (+major < 20) { console.error("Node 20 or newer is needed, found " + process.version); process.exit(1); }'

if [ ! -f node_modules/terser/package.json ]; then
  echo "Installing the build's npm tools (npm ci)"
  npm ci --ignore-scripts --no-audit --no-fund
fi

for tool in miniprogram-ci miniprogram-simulate jsdom typescript miniprogram-api-typings; do
  if [ ! -f "tests/miniprogram/node_modules/$tool/package.json" ]; then
    echo "Installing the test-only tools of tests/miniprogram/ (npm ci)"
    npm ci --prefix tests/miniprogram --ignore-scripts --no-audit --no-fund
    break
  fi
done
