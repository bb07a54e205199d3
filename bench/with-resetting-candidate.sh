#!/usr/bin/env bash
# Runs the command given (a proxy under test) with $CANDIDATE replaced by a candidate that accepts every connection
# and resets it (SO_LINGER 0, close) as soon as a request arrives: the "reset" row of issue 17. The resetter is a
# child of this script and stops with it. Used by mirror-vs-nginx.sh with PARITY_BENCH_CANDIDATE=resetting.
set -euo pipefail
port=${RESET_PORT:-18083}
python3 - "$port" <<'PY' &
import socket, struct, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(512)
while True:
    c, _ = s.accept()
    try:
        c.recv(4096)  # the request head arrives, then the connection is reset
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        c.close()
PY
resetter=$!
trap 'kill $resetter 2>/dev/null; kill $proxy 2>/dev/null; wait 2>/dev/null' EXIT TERM INT
export CANDIDATE="127.0.0.1:$port"
bash -c "$1" &
proxy=$!
wait $proxy
