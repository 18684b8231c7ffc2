#!/bin/sh
# Installs what the build and the tests need, when it is missing, on Debian 12.
# Safe to run again: it does nothing when everything is there.
set -e

missing=""
command -v emcc >/dev/null 2>&1 || missing="$missing emscripten"
command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
command -v make >/dev/null 2>&1 || missing="$missing make"
[ -f /usr/include/nlohmann/json.hpp ] || missing="$missing nlohmann-json3-dev"
[ -f /usr/include/catch2/catch.hpp ] || missing="$missing catch2"

if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

node -e 'const [major] = process.versions.node.split("."); if (+major < 20) { console.error("Node 20 or newer is needed, found " + process.version); process.exit(1); }'
