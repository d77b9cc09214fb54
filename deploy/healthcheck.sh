#!/usr/bin/env bash
# Container health check: GET /healthz on the service's own HTTP port must answer 200. The runtime image has
# neither curl nor wget, so this speaks HTTP over bash's /dev/tcp. ASPNETCORE_HTTP_PORTS may list several
# ports ("8080;8081"): the first one is asked.
set -euo pipefail
port=${ASPNETCORE_HTTP_PORTS:-8080}
port=${port%%[;,]*}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r _ status _ <&3
[ "$status" = 200 ]
