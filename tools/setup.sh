#!/usr/bin/env bash
# Installs what libnorm needs to build, test, fuzz and benchmark, with
# apt-get, on Debian 12. Idempotent and quiet when everything is there.
#   tools/setup.sh              build + test dependencies
#   tools/setup.sh --generators also what tools/gen_*.py read (only to
#                               regenerate libnorm/data and corpora/)
set -euo pipefail

pkgs=(build-essential cmake ninja-build pkg-config
      libicu-dev icu-devtools libopencc-dev opencc libuchardet-dev uchardet
      libboost-program-options-dev libsimdjson-dev
      googletest libgtest-dev libbenchmark-dev
      clang libclang-rt-14-dev python3)
if [[ "${1:-}" == "--generators" ]]; then
  # tools/gen_charmaps.py: glibc charmaps (locales); tools/extract_text.py
  # and gen_lang_models.py: translated man pages, gettext catalogs (any
  # installed package's; iso-codes and gnome-user-docs add many
  # languages), jieba's dictionary, and opencc for s2twp. The models depend
  # on which catalogs are installed: regenerate on a machine set up so.
  # tools/gen_ja_words.py: mecab-ipadic's dictionary source.
  pkgs+=(locales python3-jieba unicode-data opencc iso-codes gnome-user-docs mecab-ipadic
         manpages-zh manpages-ja manpages-de manpages-fr manpages-es manpages-it
         manpages-pl manpages-pt-br manpages-ru manpages-uk)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
