#!/usr/bin/env bash
# The image's base, made from this machine's files because no registry is reachable: a Java runtime cut by jlink from
# the JDK that builds, the shared libraries it and the native parts of parity's libraries (Netty's transports and
# BoringSSL, Brotli, zstd) load, and the few files a process expects (/etc/passwd, /tmp). Written as `docker save`
# would write it (manifest.json, the config, one layer), which jib reads as a tar:// base without any daemon.
# Usage: base-image.sh OUT.tar   (JAVA_HOME: the JDK to cut the runtime from; default: the one running javac)
set -euo pipefail
mkdir -p "$(dirname "$1")"
out="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{etc,tmp,opt,usr/lib,usr/lib64,usr/bin}
chmod 1777 "$root/tmp"
for link in lib lib64 bin; do ln -s "usr/$link" "$root/$link"; done
# what parity and its libraries use: the Java SE modules, Unsafe for Netty, the EC provider for TLS, JMX and JFR
"$java_home/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.jfr,jdk.zipfs,jdk.naming.dns,jdk.httpserver \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"
# the dynamic loader and every library the runtime links, plus the C++ runtime the bundled natives need
libs=$( { find "$root/opt/java" -name '*.so' -print0 | xargs -0 ldd 2>/dev/null || true; ldd "$root/opt/java/bin/java"; } \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' | grep -v "^$root" | sort -u)
for extra in libstdc++.so.6 libgcc_s.so.1 libz.so.1; do
  found=$(ldconfig -p | grep -m1 " $extra " | awk '{print $NF}' || true)
  [[ -n $found ]] && libs="$libs"$'\n'"$found"
done
for lib in $libs; do
  real=$(readlink -f "$lib")
  dest="$root/usr${lib#/usr}"
  mkdir -p "$(dirname "$dest")"
  cp -L "$real" "$dest"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
# one layer, as docker save lays it out
(cd "$root" && tar --owner=0 --group=0 --numeric-owner --sort=name --mtime='2026-01-01 00:00:00' -cf "$work/layer.tar" .)
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/$config_id.json"
mkdir -p "$work/image/$diff_id"
mv "$work/layer.tar" "$work/image/$diff_id/layer.tar"
mv "$work/$config_id.json" "$work/image/"
printf '[{"Config":"%s.json","RepoTags":["shadow-parity/base:local"],"Layers":["%s/layer.tar"]}]\n' "$config_id" "$diff_id" > "$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
(cd "$work/image" && tar -cf "$out.tmp" manifest.json "$config_id.json" "$diff_id/layer.tar")
mv "$out.tmp" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1); runtime from $java_home)"
