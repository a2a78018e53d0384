#!/usr/bin/env python3
"""Wormhole benchmark harness: the gateway's added latency, throughput, streaming, batch scaling and resources,
each beside the direct-to-mock figure, in one run. Started by bench/run.sh; see docs/benchmarks.md."""
import argparse
import datetime
import glob
import json
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY = "bench-key"
STREAM_CHUNKS = 20
STREAM_GAP_MS = 10

COMPLETION = json.dumps({
    "id": "chatcmpl-bench", "object": "chat.completion", "created": 1, "model": "bench-model",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello from the mock."},
                 "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 8, "completion_tokens": 5, "total_tokens": 13}}, separators=(",", ":"))


def chunk(delta, finish=None, usage=None):
    body = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1, "model": "bench-model",
            "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}]}
    if usage:
        body["usage"] = usage
    return "data: " + json.dumps(body, separators=(",", ":"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message):
    print("[bench] " + message, flush=True)


# ---------------------------------------------------------------- mock upstream (nginx + echo module)

def nginx_conf(port, workdir):
    def echo(line):
        return "echo '%s';" % line.replace("'", "\\'")
    stream = [echo(chunk({"role": "assistant", "content": ""})), "echo '';", "echo_flush;"]
    for i in range(STREAM_CHUNKS):
        stream += ["echo_sleep %.3f;" % (STREAM_GAP_MS / 1000), echo(chunk({"content": "tok%d " % i})), "echo '';",
                   "echo_flush;"]
    stream += [echo(chunk({}, "stop")), "echo '';",
               echo(chunk(None, usage={"prompt_tokens": 8, "completion_tokens": STREAM_CHUNKS,
                                       "total_tokens": 8 + STREAM_CHUNKS})), "echo '';",
               "echo 'data: [DONE]';", "echo '';"]
    models = json.dumps({"object": "list", "data": [{"id": "bench-model", "object": "model", "created": 1,
                                                     "owned_by": "bench"}]}, separators=(",", ":"))
    return """
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
worker_processes 1;
daemon off;
pid %(dir)s/nginx.pid;
error_log %(dir)s/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  client_body_temp_path %(dir)s;
  proxy_temp_path %(dir)s; fastcgi_temp_path %(dir)s; uwsgi_temp_path %(dir)s; scgi_temp_path %(dir)s;
  server {
    listen 127.0.0.1:%(port)d backlog=8192;
    location = /d0/v1/chat/completions { default_type application/json; %(json)s }
    location = /d50/v1/chat/completions { echo_sleep 0.05; default_type application/json; %(json)s }
    location = /stream/v1/chat/completions { default_type text/event-stream; %(stream)s }
    location ~ ^/(d0|d50|stream)/v1/models$ { default_type application/json; %(models)s }
    location /otlp/ { return 200; }
  }
}
""" % {"dir": workdir, "port": port, "json": echo(COMPLETION), "stream": " ".join(stream), "models": echo(models)}


class Process:
    def __init__(self, name, command, env=None, cpus=None):
        if cpus is not None:
            command = ["taskset", "-c", cpus] + command
        self.name = name
        self.log = tempfile.NamedTemporaryFile(prefix=name + "-", suffix=".log", delete=False)
        self.started = time.monotonic()
        self.proc = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def rss_mb(self):
        pid = self.java_pid()
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self):
        with open("/proc/%d/stat" % self.java_pid()) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def java_pid(self):
        # taskset execs the program, so the pid is the program's own.
        return self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def wait_http(url, timeout=60, headers=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            req = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(req, timeout=2) as r:
                if r.status == 200:
                    return time.monotonic()
        except Exception:
            time.sleep(0.005)
    raise RuntimeError("no 200 from %s within %ss" % (url, timeout))


# ---------------------------------------------------------------- the gateway under test

def gateway_command(kind, port, mock_port, pinned, extra=None, jar=None):
    props = {
        "quarkus.http.port": port, "quarkus.http.host": "127.0.0.1", "wormhole.auth.api-keys": KEY,
        "quarkus.log.level": "WARN", "wormhole.batch.max-concurrency": "100",
        # The access log is on by default, so it is measured: one line per request, to the process's log file.
        'quarkus.log.category."wormhole.access".level': "INFO",
    }
    for pid, prefix in (("mock0", "d0"), ("mock50", "d50"), ("mockstream", "stream")):
        p = "wormhole.providers.%s." % pid
        props.update({p + "dialect": "openai", p + "base-url": "http://127.0.0.1:%d/%s/v1" % (mock_port, prefix),
                      p + "max-connections": "1024", p + "bulkhead.max-concurrent": "4096",
                      p + "bulkhead.queue": "8192", p + "retry.max-retries": "0",
                      p + "circuit-breaker.request-volume": "1000000"})
    props.update(extra or {})
    args = ["-D%s=%s" % (k, v) for k, v in props.items()]
    if kind == "jvm":
        jvm = ["java"] + (["-XX:ActiveProcessorCount=1"] if pinned else [])
        return jvm + args + ["-jar", jar or os.path.join(ROOT, "target/quarkus-app/quarkus-run.jar")]
    return [native_binary()] + args


def native_binary():
    found = glob.glob(os.path.join(ROOT, "target/*-runner"))
    return found[0] if found else None


def start_gateway(kind, mock_port, pinned, extra=None, jar=None):
    port = free_port()
    proc = Process("gateway-" + kind, gateway_command(kind, port, mock_port, pinned, extra, jar),
                   cpus="0" if pinned else None)
    ready = wait_http("http://127.0.0.1:%d/v1/models" % port, timeout=120, headers={"Authorization": "Bearer " + KEY})
    proc.start_to_ready = ready - proc.started
    proc.port = port
    return proc


def warm(gw, kind, quick):
    """Load until throughput settles: the JVM's JIT needs tens of seconds on one core; the native binary none."""
    script = lua(None, chat_body("mock0/bench-model"), KEY)
    url = "http://127.0.0.1:%d/v1/chat/completions" % gw.port
    limit = (30 if quick else 90) if kind == "jvm" else 5
    start, previous = time.monotonic(), None
    while time.monotonic() - start < limit:
        rps = wrk(url, script, 16, 5)["rps"]
        if previous and abs(rps - previous) / previous < 0.05:
            break
        previous = rps
    return time.monotonic() - start


# ---------------------------------------------------------------- load tools

def lua(path, body, key=None):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    # A Lua string literal holding the JSON text (JSON's escapes for quotes and backslashes are Lua's too).
    script.write('wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n'
                 % json.dumps(json.dumps(body, separators=(",", ":"))))
    if key:
        script.write('wrk.headers["Authorization"] = "Bearer %s"\n' % key)
    script.close()
    return script.name


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_duration(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def wrk(url, script, connections, seconds):
    out = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency",
                          "-s", script, url], capture_output=True, text=True, timeout=seconds + 60).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
              "requests": int(re.search(r"(\d+) requests in", out).group(1))}
    for pct in ("50", "99"):
        m = re.search(r"\s%s%%\s+([\d.]+(?:us|ms|s))" % pct, out)
        result["p" + pct] = parse_duration(m.group(1)) if m else float("nan")
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors += sum(int(x) for x in m.groups()) if m else 0
    result["errors"] = errors
    return result


def h2load(url, body, key, rate, seconds):
    clients = max(1, min(512, int(rate * 0.05 * 2)))
    per_client = max(1, round(rate / clients))
    with tempfile.TemporaryDirectory() as d:
        data = os.path.join(d, "body.json")
        with open(data, "w") as f:
            f.write(body)
        logfile = os.path.join(d, "log.tsv")
        cmd = ["taskset", "-c", "1", "h2load", "--h1", "-c", str(clients), "--rps", str(per_client), "-D", str(seconds),
               "-d", data, "-H", "Content-Type: application/json", "--log-file", logfile, url]
        if key:
            cmd[-1:-1] = ["-H", "Authorization: Bearer " + key]
        subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
        latencies, errors = [], 0
        with open(logfile) as f:
            for line in f:
                parts = line.split("\t")
                if len(parts) >= 3:
                    status, micros = int(parts[1]), int(parts[2])
                    if status != 200:
                        errors += 1
                    latencies.append(micros / 1000)
    latencies.sort()
    return {"rps": len(latencies) / seconds, "p50": pct(latencies, 50), "p99": pct(latencies, 99),
            "max": latencies[-1] if latencies else float("nan"), "errors": errors}


def pct(values, p):
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(math.ceil(p / 100 * len(values))) - 1)]


def stream_probe(port, path, body, key, count):
    """Time to the first content chunk and the gaps between chunks, over `count` sequential streamed requests."""
    ttft, gaps, usage_seen = [], [], 0
    payload = json.dumps(body).encode()
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        head = "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % (
            path, len(payload))
        if key:
            head += "Authorization: Bearer %s\r\n" % key
        start = time.perf_counter()
        s.sendall(head.encode() + b"\r\n" + payload)
        buffered, last, first = b"", None, None
        while b"[DONE]" not in buffered:
            data = s.recv(65536)
            if not data:
                break
            now = time.perf_counter()
            buffered += data
            if b'"content":"tok' in data:
                if first is None:
                    first = now
                    ttft.append((now - start) * 1000)
                elif last is not None:
                    gaps.append((now - last) * 1000)
                last = now
        if b'"usage"' in buffered:
            usage_seen += 1
        s.close()
    gaps.sort()
    return {"ttft": statistics.median(ttft), "gap_p50": pct(gaps, 50), "gap_p99": pct(gaps, 99),
            "usage": usage_seen, "count": count}


def chat_body(model, stream=False):
    body = {"model": model, "messages": [{"role": "user", "content": "hello"}]}
    if stream:
        body.update({"stream": True, "stream_options": {"include_usage": True}})
    return body


# ---------------------------------------------------------------- scenarios

def sequential(gw, mock_port, rounds, seconds):
    direct = lua(None, chat_body("bench-model"))
    via = lua(None, chat_body("mock0/bench-model"), KEY)
    d50, g50 = [], []
    for i in range(rounds):
        order = [("d", direct), ("g", via)] if i % 2 == 0 else [("g", via), ("d", direct)]
        for which, script in order:
            url = ("http://127.0.0.1:%d/d0/v1/chat/completions" % mock_port if which == "d"
                   else "http://127.0.0.1:%d/v1/chat/completions" % gw.port)
            (d50 if which == "d" else g50).append(wrk(url, script, 1, seconds)["p50"])
    added = [g - d for g, d in zip(g50, d50)]
    return {"direct": statistics.median(d50), "gateway": statistics.median(g50), "added": statistics.median(added),
            "iqr": iqr(added), "rounds": rounds}


def iqr(values):
    q = statistics.quantiles(values, n=4) if len(values) >= 2 else [values[0]] * 3
    return q[2] - q[0]


def sweep(gw, mock_port, concurrencies, latencies, seconds):
    rows = []
    for delay in latencies:
        prefix = "d%d" % delay
        direct = lua(None, chat_body("bench-model"))
        via = lua(None, chat_body("mock%d/bench-model" % delay), KEY)
        for c in concurrencies:
            d = wrk("http://127.0.0.1:%d/%s/v1/chat/completions" % (mock_port, prefix), direct, c, seconds)
            g = wrk("http://127.0.0.1:%d/v1/chat/completions" % gw.port, via, c, seconds)
            rows.append((delay, c, d, g))
    return rows


def open_loop(gw, mock_port, rates, seconds):
    rows = []
    for rate in rates:
        d = h2load("http://127.0.0.1:%d/d50/v1/chat/completions" % mock_port, json.dumps(chat_body("bench-model")),
                   None, rate, seconds)
        g = h2load("http://127.0.0.1:%d/v1/chat/completions" % gw.port, json.dumps(chat_body("mock50/bench-model")),
                   KEY, rate, seconds)
        rows.append((rate, d, g))
    return rows


def streaming(gw, mock_port, count):
    d = stream_probe(mock_port, "/stream/v1/chat/completions", chat_body("bench-model", True), None, count)
    g = stream_probe(gw.port, "/v1/chat/completions", chat_body("mockstream/bench-model", True), KEY, count)
    return d, g


def batch(gw, items, concurrencies):
    rows = []
    for c in concurrencies:
        body = {"mode": "all", "concurrency": c, "requests": [
            {"custom_id": str(i), "method": "POST", "url": "/v1/chat/completions", "body": chat_body("mock50/bench-model")}
            for i in range(items)]}
        req = urllib.request.Request("http://127.0.0.1:%d/v1/batch" % gw.port, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + KEY})
        start = time.perf_counter()
        with urllib.request.urlopen(req, timeout=600) as r:
            result = json.load(r)
        wall = (time.perf_counter() - start) * 1000
        ideal = math.ceil(items / c) * 50
        rows.append((c, wall, ideal, result["stats"]["max_in_flight"], result["stats"]["failed"]))
    return rows


def resources(kind, mock_port, seconds, quick):
    gw = start_gateway(kind, mock_port, pinned=True)
    try:
        via = lua(None, chat_body("mock0/bench-model"), KEY)
        url = "http://127.0.0.1:%d/v1/chat/completions" % gw.port
        time.sleep(1)
        idle = gw.rss_mb()
        warm(gw, kind, quick)
        cpu_before = gw.cpu_seconds()
        loaded = wrk(url, via, 16, seconds)
        cpu_ms_per_1000 = (gw.cpu_seconds() - cpu_before) * 1000 / loaded["requests"] * 1000
        under_load = gw.rss_mb()
        return {"start_ms": gw.start_to_ready * 1000, "idle_mb": idle, "load_mb": under_load,
                "cpu_ms_per_1000": cpu_ms_per_1000, "rps": loaded["rps"]}
    finally:
        gw.stop()


# ---------------------------------------------------------------- keyed requests (virtual keys, limits, budgets)

ADMIN_KEY = "bench-admin-key-0123456789"
# Limits far above what one core serves, so that every request runs the whole admission (RPM and TPM windows, a
# concurrency lease, the budget check, usage and spend recorded) and none is refused.
KEYED_LIMITS = {"name": "bench-keyed", "limits": {"rpm": 100000000, "tpm": 1000000000000, "max_concurrent": 100000},
                "budget": {"usd": 1000000, "period": "month"}}


def start_redis():
    port = free_port()
    proc = Process("redis", ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], cpus="1")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            proc.port = port
            return proc
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def create_key(gw):
    req = urllib.request.Request("http://127.0.0.1:%d/admin/keys" % gw.port, data=json.dumps(KEYED_LIMITS).encode(),
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + ADMIN_KEY})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)["secret"]


def keyed(mock_port, quick, store, redis_port=None):
    """The static gateway key beside a virtual key with limits and a budget, on one store, in interleaved rounds."""
    extra = {"wormhole.auth.admin-key": ADMIN_KEY}
    if store == "redis":
        extra.update({"wormhole.state.backend": "redis", "wormhole.state.redis-url": "redis://127.0.0.1:%d" % redis_port})
    else:
        extra["wormhole.state.file"] = os.path.join(tempfile.mkdtemp(prefix="wormhole-bench-state-"), "state.bin")
    gw = start_gateway("jvm", mock_port, pinned=True, extra=extra)
    try:
        warm(gw, "jvm", quick)
        secret = create_key(gw)
        url = "http://127.0.0.1:%d/v1/chat/completions" % gw.port
        direct_url = "http://127.0.0.1:%d/d0/v1/chat/completions" % mock_port
        scripts = {"direct": lua(None, chat_body("bench-model")), "static": lua(None, chat_body("mock0/bench-model"), KEY),
                   "virtual": lua(None, chat_body("mock0/bench-model"), secret)}
        wrk(url, scripts["virtual"], 16, 5 if quick else 15)  # warm the keyed path too
        rounds, seconds = (4, 2) if quick else (10, 3)
        p50 = {k: [] for k in scripts}
        for i in range(rounds):
            order = list(scripts) if i % 2 == 0 else list(reversed(list(scripts)))
            for which in order:
                p50[which].append(wrk(direct_url if which == "direct" else url, scripts[which], 1, seconds)["p50"])
        loaded = {which: wrk(url, scripts[which], 16, 3 if quick else 10) for which in ("static", "virtual")}
        errors = sum(r["errors"] for r in loaded.values())
        return {"store": store, "p50": {k: statistics.median(v) for k, v in p50.items()},
                "added": {k: statistics.median([g - d for g, d in zip(p50[k], p50["direct"])]) for k in scripts},
                "loaded": loaded, "errors": errors}
    finally:
        gw.stop()


# ---------------------------------------------------------------- tracing (OpenTelemetry) off and on

def tracing(mock_port, quick, baseline_jar=None):
    """The shipped default (tracing off) beside the same requests with tracing on (an OTLP endpoint set, spans
    exported to a sink on the mock) and, given a jar built without the OpenTelemetry extension, beside that: all
    pinned to the same core, warmed, then measured in interleaved rounds so that drift hits every variant alike."""
    variants = [("without OpenTelemetry", {}, baseline_jar)] if baseline_jar else []
    variants += [("tracing off (default)", {}, None),
                 ("tracing on (OTLP export)", {"quarkus.otel.exporter.otlp.traces.endpoint":
                                               "http://127.0.0.1:%d/otlp" % mock_port,
                                               "quarkus.otel.exporter.otlp.traces.protocol": "http/protobuf"}, None)]
    gws = {}
    try:
        for name, extra, jar in variants:
            # The embedded state store serves one process: each variant keeps its own file.
            extra = dict(extra, **{"wormhole.state.file": os.path.join(tempfile.mkdtemp(prefix="wormhole-bench-state-"),
                                                                       "state.bin")})
            gws[name] = start_gateway("jvm", mock_port, pinned=True, extra=extra, jar=jar)
            warm(gws[name], "jvm", quick)
        url = lambda gw: "http://127.0.0.1:%d/v1/chat/completions" % gw.port
        via = lua(None, chat_body("mock0/bench-model"), KEY)
        direct = lua(None, chat_body("bench-model"))
        direct_url = "http://127.0.0.1:%d/d0/v1/chat/completions" % mock_port
        rounds, seconds = (4, 2) if quick else (10, 3)
        p50 = {name: [] for name in ["direct"] + list(gws)}
        for i in range(rounds):
            order = list(p50) if i % 2 == 0 else list(reversed(list(p50)))
            for name in order:
                if name == "direct":
                    p50[name].append(wrk(direct_url, direct, 1, seconds)["p50"])
                else:
                    p50[name].append(wrk(url(gws[name]), via, 1, seconds)["p50"])
        # Throughput and CPU per request at c=16, also in interleaved rounds (a single long run per variant let
        # drift decide the order of variants whose true difference is small).
        loaded = {name: {"rps": [], "p99": [], "cpu": [], "errors": 0} for name in gws}
        for i in range(rounds // 2):
            order = list(gws) if i % 2 == 0 else list(reversed(list(gws)))
            for name in order:
                cpu_before = gws[name].cpu_seconds()
                run = wrk(url(gws[name]), via, 16, seconds + 2)
                loaded[name]["rps"].append(run["rps"])
                loaded[name]["p99"].append(run["p99"])
                loaded[name]["cpu"].append((gws[name].cpu_seconds() - cpu_before) * 1e6 / max(1, run["requests"]))
                loaded[name]["errors"] += run["errors"]
        return {name: {"added": statistics.median([g - d for g, d in zip(p50[name], p50["direct"])]),
                       "added_iqr": iqr([g - d for g, d in zip(p50[name], p50["direct"])]),
                       "rps": statistics.median(loaded[name]["rps"]), "p99": statistics.median(loaded[name]["p99"]),
                       "cpu_ms_per_1000": statistics.median(loaded[name]["cpu"]),
                       "cpu_range": (min(loaded[name]["cpu"]), max(loaded[name]["cpu"])),
                       "errors": loaded[name]["errors"]}
                for name in gws}
    finally:
        for gw in gws.values():
            gw.stop()


# ---------------------------------------------------------------- peer gateway (Portkey, from npm)

PORTKEY_VERSION = "1.15.2"


def start_portkey(mock_port, pinned):
    home = os.path.join(tempfile.gettempdir(), "wormhole-bench-portkey-" + PORTKEY_VERSION)
    entry = os.path.join(home, "node_modules/@portkey-ai/gateway/build/start-server.js")
    if not os.path.exists(entry):
        log("installing @portkey-ai/gateway@%s from npm into %s" % (PORTKEY_VERSION, home))
        os.makedirs(home, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", home, "@portkey-ai/gateway@" + PORTKEY_VERSION],
                       check=True, timeout=600)
    port = free_port()
    proc = Process("portkey", ["node", entry, "--port=%d" % port], cpus="0" if pinned else None)
    wait_http("http://127.0.0.1:%d/" % port, timeout=60)
    proc.port = port
    proc.headers = {"x-portkey-provider": "openai",
                    "x-portkey-custom-host": "http://127.0.0.1:%d/d0/v1" % mock_port}
    return proc


def peer_lua(body, headers):
    script = lua(None, body, "dummy")
    with open(script, "a") as f:
        for k, v in headers.items():
            f.write('wrk.headers["%s"] = "%s"\n' % (k, v))
    return script


# ---------------------------------------------------------------- report

def fmt(x, digits=2):
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else ("%.*f" % (digits, x))


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return "%s, %d cores, %s, %s, %s" % (cpu, os.cpu_count(), platform.platform(), java,
                                          subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0])


def keyed_report(report, mock_port, quick, procs):
    """Scenario 7 on the embedded store, then on Redis when redis-server is installed."""
    log("7. keyed requests (embedded store, then Redis)")
    report += ["## JVM — 7. Keyed requests: a virtual key with limits and a budget, beside the static key", "",
               "Each virtual-key request checks the key's models and budget, counts RPM and TPM in sliding windows, "
               "holds a concurrency lease, and records usage and spend when it ends, all in the state store: "
               "the embedded one (in process) or a local `redis-server` on the mock's core. c=1 p50 are the "
               "medians of interleaved rounds; *added* is over the direct path.", "",
               "| store | static key added p50 (c=1) | virtual key added p50 (c=1) | keyed extra (c=1) | "
               "static RPS (c=16) | virtual RPS (c=16) | static p99 (c=16) | virtual p99 (c=16) | errors |",
               "|---|---|---|---|---|---|---|---|---|"]
    redis = start_redis() if shutil.which("redis-server") else None
    if redis:
        procs.append(redis)
    for store in ["embedded"] + (["redis"] if redis else []):
        k = keyed(mock_port, quick, store, redis.port if redis else None)
        report.append("| %s | %s | %s | **%s** | %s | %s | %s | %s | %d |" % (
            store, fmt(k["added"]["static"], 3), fmt(k["added"]["virtual"], 3),
            fmt(k["added"]["virtual"] - k["added"]["static"], 3), fmt(k["loaded"]["static"]["rps"], 0),
            fmt(k["loaded"]["virtual"]["rps"], 0), fmt(k["loaded"]["static"]["p99"], 3),
            fmt(k["loaded"]["virtual"]["p99"], 3), k["errors"]))
    report.append("")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a reduced set in under 3 minutes")
    parser.add_argument("--peer", choices=["portkey"], help="also measure a peer gateway against the same mock")
    parser.add_argument("--no-native", action="store_true", help="skip the native binary even if it exists")
    parser.add_argument("--only", choices=["keys", "tracing"],
                        help="run only the keyed-request scenario (7) or the tracing one (8)")
    parser.add_argument("--baseline-jar", help="for scenario 8: the gateway's jar built without OpenTelemetry")
    args = parser.parse_args()
    quick = args.quick
    report = ["# Wormhole benchmark — %s%s" % (datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                                                 " (quick)" if quick else ""), "",
              "Machine: " + machine(), "",
              "Pinned mode: gateway on core 0 (JVM with `-XX:ActiveProcessorCount=1`), mock (nginx + echo module, one "
              "worker) and load generator on core 1. Figures are milliseconds unless marked. *Added* = via gateway "
              "minus direct to the mock, measured in the same run.", ""]

    work = tempfile.mkdtemp(prefix="wormhole-bench-")
    mock_port = free_port()
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(nginx_conf(mock_port, work))
    mock = Process("mock", ["nginx", "-c", os.path.join(work, "nginx.conf")], cpus="1")
    time.sleep(0.5)
    procs = [mock]
    try:
        log("mock alone")
        alone = wrk("http://127.0.0.1:%d/d0/v1/chat/completions" % mock_port, lua(None, chat_body("bench-model")), 64,
                    3 if quick else 5)
        report += ["## Mock upstream alone", "", "nginx + echo, c=64 on one core: %s RPS, p50 %s ms, p99 %s ms, %d errors "
                   "— far above what the gateway reaches below, so it is not the bottleneck." % (
                       fmt(alone["rps"], 0), fmt(alone["p50"], 3), fmt(alone["p99"], 3), alone["errors"]), ""]

        kinds = ["jvm"] + ([] if args.no_native or not native_binary() else ["native"])
        for kind in ([] if args.only else kinds):
            log("starting the %s gateway (pinned)" % kind)
            gw = start_gateway(kind, mock_port, pinned=True)
            procs.append(gw)
            log("[%s] warmed up in %.0f s" % (kind, warm(gw, kind, quick)))

            log("[%s] 1. sequential overhead" % kind)
            seq = sequential(gw, mock_port, 4 if quick else 10, 2 if quick else 3)
            report += ["## %s — 1. Sequential overhead (c=1, interleaved rounds)" % kind.upper(), "",
                       "| direct p50 | gateway p50 | added p50 (median of rounds) | IQR | rounds |", "|---|---|---|---|---|",
                       "| %s | %s | **%s** | %s | %d |" % (fmt(seq["direct"], 3), fmt(seq["gateway"], 3), fmt(seq["added"], 3),
                                                          fmt(seq["iqr"], 3), seq["rounds"]), ""]

            log("[%s] 2. closed-loop sweep" % kind)
            rows = sweep(gw, mock_port, [1, 16, 64] if quick else [1, 4, 16, 64, 256], [0, 50], 3 if quick else 10)
            report += ["## %s — 2. Closed-loop sweep (wrk)" % kind.upper(), "",
                       "| mock | c | direct RPS | gateway RPS | direct p50 | gateway p50 | added p50 | direct p99 | "
                       "gateway p99 | added p99 | errors (d/g) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
            for delay, c, d, g in rows:
                report.append("| %d ms | %d | %s | %s | %s | %s | **%s** | %s | %s | **%s** | %d/%d |" % (
                    delay, c, fmt(d["rps"], 0), fmt(g["rps"], 0), fmt(d["p50"], 3), fmt(g["p50"], 3),
                    fmt(g["p50"] - d["p50"], 3), fmt(d["p99"], 3), fmt(g["p99"], 3), fmt(g["p99"] - d["p99"], 3),
                    d["errors"], g["errors"]))
            report.append("")

            if kind == "jvm":
                log("[jvm] 3. open-loop fixed rates")
                rows = open_loop(gw, mock_port, [500, 1000] if quick else [500, 1000, 2000, 5000], 3 if quick else 10)
                report += ["## JVM — 3. Open loop, fixed rates over the 50 ms mock (h2load)", "",
                           "| target RPS | direct RPS | gateway RPS | direct p50 | gateway p50 | direct p99 | gateway p99 | "
                           "gateway max | errors (d/g) |", "|---|---|---|---|---|---|---|---|---|"]
                for rate, d, g in rows:
                    report.append("| %d | %s | %s | %s | %s | %s | %s | %s | %d/%d |" % (
                        rate, fmt(d["rps"], 0), fmt(g["rps"], 0), fmt(d["p50"]), fmt(g["p50"]), fmt(d["p99"]),
                        fmt(g["p99"]), fmt(g["max"]), d["errors"], g["errors"]))
                report.append("")

                log("[jvm] 4. streaming")
                d, g = streaming(gw, mock_port, 20 if quick else 50)
                report += ["## JVM — 4. Streaming (%d chunks, %d ms apart)" % (STREAM_CHUNKS, STREAM_GAP_MS), "",
                           "| | TTFT (median) | gap p50 | gap p99 | usage chunk present |", "|---|---|---|---|---|",
                           "| direct | %s | %s | %s | %d/%d |" % (fmt(d["ttft"], 3), fmt(d["gap_p50"], 3),
                                                               fmt(d["gap_p99"], 3), d["usage"], d["count"]),
                           "| gateway | %s | %s | %s | %d/%d |" % (fmt(g["ttft"], 3), fmt(g["gap_p50"], 3),
                                                                fmt(g["gap_p99"], 3), g["usage"], g["count"]),
                           "| **added** | **%s** | | | |" % fmt(g["ttft"] - d["ttft"], 3), ""]

                log("[jvm] 5. batch")
                items = 200 if quick else 1000
                rows = batch(gw, items, [10, 50] if quick else [1, 10, 50, 100])
                report += ["## JVM — 5. Batch: %d items over the 50 ms mock" % items, "",
                           "| concurrency | wall ms | ideal ms (⌈n/c⌉×50) | over ideal | peak in flight | failed |",
                           "|---|---|---|---|---|---|"]
                for c, wall, ideal, peak, failed in rows:
                    report.append("| %d | %s | %d | %s %% | %d | %d |" % (c, fmt(wall, 0), ideal,
                                                                         fmt((wall / ideal - 1) * 100, 1), peak, failed))
                report.append("")

                if not quick:
                    log("[jvm] 2b. unpinned capacity")
                    gw.stop()
                    procs.remove(gw)
                    gw = start_gateway(kind, mock_port, pinned=False)
                    procs.append(gw)
                    warm(gw, kind, quick)
                    via = lua(None, chat_body("mock50/bench-model"), KEY)
                    report += ["## JVM — 2b. Unpinned (gateway free to use both cores, sharing them with mock and load)",
                               "", "| mock | c | gateway RPS | p50 | p99 | errors |", "|---|---|---|---|---|---|"]
                    for c in [64, 256]:
                        g = wrk("http://127.0.0.1:%d/v1/chat/completions" % gw.port, via, c, 10)
                        report.append("| 50 ms | %d | %s | %s | %s | %d |" % (c, fmt(g["rps"], 0), fmt(g["p50"]),
                                                                              fmt(g["p99"]), g["errors"]))
                    report.append("")
            gw.stop()
            procs.remove(gw)

        if args.only in (None, "keys"):
            keyed_report(report, mock_port, quick, procs)
        if args.only in (None, "tracing"):
            log("8. tracing off and on")
            t = tracing(mock_port, quick, args.baseline_jar)
            report += ["## JVM — 8. Tracing (OpenTelemetry): the default (off) and on", "",
                       "The same jar with tracing off (the default: no OTLP endpoint, so the SDK is disabled) and on "
                       "(an OTLP/HTTP endpoint, every request's spans exported in batches to a sink on the mock)"
                       + (", beside the jar of the commit before OpenTelemetry was added" if args.baseline_jar else "")
                       + ". All pinned to the same core and warmed; over the 0 ms mock, interleaved rounds at c=1 "
                       "(medians of the added p50, with their IQR) and at c=16 (medians of RPS, p99 and CPU per "
                       "request, with the CPU's range over the rounds).", "",
                       "| variant | added p50 (c=1) | IQR | RPS (c=16) | p99 (c=16) | CPU ms / 1,000 req | CPU range "
                       "| errors |", "|---|---|---|---|---|---|---|---|"]
            for name, r in t.items():
                report.append("| %s | **%s** | %s | %s | %s | **%s** | %s–%s | %d |" % (
                    name, fmt(r["added"], 3), fmt(r["added_iqr"], 3), fmt(r["rps"], 0), fmt(r["p99"], 3),
                    fmt(r["cpu_ms_per_1000"], 0), fmt(r["cpu_range"][0], 0), fmt(r["cpu_range"][1], 0),
                    r["errors"]))
            report.append("")
        if not args.only:
            log("6. resources")
            report += ["## 6. Resources (pinned, one core)", "",
                       "Start = process launch to the first 200 of `GET /v1/models`; idle RSS one second after that; "
                       "CPU and RSS under load after warm-up, at c=16 over the 0 ms mock.", "",
                       "| build | start to first 200 (ms) | RSS idle (MB) | RSS under load (MB) | CPU ms / 1,000 req "
                       "| RPS at c=16 |", "|---|---|---|---|---|---|"]
            for kind in kinds:
                r = resources(kind, mock_port, 3 if quick else 10, quick)
                report.append("| %s | %s | %s | %s | %s | %s |" % (
                    kind, fmt(r["start_ms"], 0), fmt(r["idle_mb"], 1), fmt(r["load_mb"], 1),
                    fmt(r["cpu_ms_per_1000"], 0), fmt(r["rps"], 0)))
            report.append("")

        if args.peer == "portkey":
            log("peer: Portkey %s" % PORTKEY_VERSION)
            peer = start_portkey(mock_port, pinned=True)
            procs.append(peer)
            gw = start_gateway("jvm", mock_port, pinned=True)
            procs.append(gw)
            warm(gw, "jvm", quick)
            body = chat_body("bench-model")
            ours = lua(None, chat_body("mock0/bench-model"), KEY)
            theirs = peer_lua(body, peer.headers)
            direct = lua(None, body)
            report += ["## Peer comparison: Portkey gateway %s (same mock, same core)" % PORTKEY_VERSION, "",
                       "| c | direct p50 | Wormhole added p50 | Portkey added p50 | Wormhole RPS | Portkey RPS | ratio |",
                       "|---|---|---|---|---|---|---|"]
            for url, script in (("http://127.0.0.1:%d/v1/chat/completions" % gw.port, ours),
                                ("http://127.0.0.1:%d/v1/chat/completions" % peer.port, theirs)):
                wrk(url, script, 16, 10)  # warm-up
            for c in [1, 16, 64]:
                d = wrk("http://127.0.0.1:%d/d0/v1/chat/completions" % mock_port, direct, c, 5)
                w = wrk("http://127.0.0.1:%d/v1/chat/completions" % gw.port, ours, c, 5)
                p = wrk("http://127.0.0.1:%d/v1/chat/completions" % peer.port, theirs, c, 5)
                ours_added, theirs_added = w["p50"] - d["p50"], p["p50"] - d["p50"]
                report.append("| %d | %s | %s | %s | %s | %s | %s |" % (
                    c, fmt(d["p50"], 3), fmt(ours_added, 3), fmt(theirs_added, 3), fmt(w["rps"], 0), fmt(p["rps"], 0),
                    fmt(ours_added / theirs_added if theirs_added > 0 else float("nan"), 2)))
            report.append("")
    finally:
        for p in procs:
            p.stop()
        shutil.rmtree(work, ignore_errors=True)

    text = "\n".join(report) + "\n"
    out_dir = os.path.join(ROOT, "bench/results")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + ("-quick" if quick else "") + ".md")
    with open(out, "w") as f:
        f.write(text)
    print(text)
    log("report written to " + os.path.relpath(out, ROOT))


if __name__ == "__main__":
    sys.exit(main())
