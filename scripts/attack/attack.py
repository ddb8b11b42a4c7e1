#!/usr/bin/env python3
"""The attack suite of `coquille serve` (issue 15): every case of the issue,
each with the answer a hardened gate must give, one PASS/FAIL line per check.

    scripts/attack/run.sh [--release] [CASE ...]      builds, then runs this
    python3 scripts/attack/attack.py --bin target/release/coquille [CASE ...]

CASE is a case number (1-9) or name; all run by default. Each case starts its
own `coquille serve` on a free 127.0.0.1 port (never another address), with
an address-space limit (4 GiB) so a runaway server cannot take the shared
machine down, and stops it at the end. Every wait is bounded; the whole suite
takes a few minutes. Exit status: 0 when every check passed, 1 otherwise.

Only keys that exist in every version of `[server]` are written to the
configuration files, so the same suite runs against the code before and after
the hardening; newer settings are exercised through their defaults.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import article  # noqa: E402  (scripts/attack/article.py)

HOST = "127.0.0.1"
AS_LIMIT = 4 << 30
STD_KEY = b"coquille-attack-suite-standard-k"
STD_SECRET = "whsec_" + base64.b64encode(STD_KEY).decode()
PLAIN_SECRET = "attack-plain-hmac-secret"
STRAPI_TOKEN = "attack-strapi-token"
API_TOKEN = "attack-api-token"
MB = 1 << 20

RESULTS = []


# ---------------------------------------------------------------- reporting

def check(case, what, expected, measured, ok):
    """Records and prints one PASS/FAIL line."""
    verdict = "PASS" if ok else "FAIL"
    RESULTS.append((case, what, verdict))
    print(f"[{verdict}] {case} {what}\n         expected: {expected}\n         measured: {measured}",
          flush=True)


def info(text):
    print(f"         {text}", flush=True)


# ---------------------------------------------------------------- the server

def free_port():
    s = socket.socket()
    s.bind((HOST, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def limit_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


class Server:
    """One `coquille serve` on a free loopback port."""

    def __init__(self, binary, config="", env=None):
        self.binary = binary
        self.config = config
        self.env = env or {}
        self.dir = tempfile.mkdtemp(prefix="coquille-attack-")
        self.port = None
        self.proc = None

    def __enter__(self):
        cfg = os.path.join(self.dir, "coquille.toml")
        with open(cfg, "w") as f:
            f.write(self.config)
        env = {k: v for k, v in os.environ.items() if not k.startswith("COQUILLE_")}
        env["COQUILLE_WEBHOOK_SECRET"] = f"{STD_SECRET} {PLAIN_SECRET}"
        env.update(self.env)
        self.log_path = os.path.join(self.dir, "server.log")
        self.port = free_port()
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--addr", f"{HOST}:{self.port}", "--config", cfg],
            stdout=subprocess.DEVNULL, stderr=open(self.log_path, "wb"), env=env,
            preexec_fn=limit_address_space)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited at start:\n{self.log()[-2000:]}")
            try:
                if get(self.port, "/readyz", timeout=2)[0] == 200:
                    self.base_threads = self.threads()
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server not ready after 120 s")

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def alive(self):
        return self.proc.poll() is None

    def exit_note(self):
        code = self.proc.poll()
        if code is None:
            return "running"
        tail = [l for l in self.log().splitlines() if l.strip()][-1:]
        return f"exited with code {code} ({tail[0][:160] if tail else 'no log'})"

    def status_kb(self, field):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def rss_mb(self):
        return self.status_kb("VmRSS") / 1024

    def hwm_mb(self):
        return self.status_kb("VmHWM") / 1024

    def threads(self):
        return self.status_kb("Threads")

    def cpu_s(self):
        try:
            with open(f"/proc/{self.proc.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return 0.0

    def log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def metrics(self):
        status, _, body = get(self.port, "/metrics", timeout=5)
        out = {}
        if status != 200:
            return out
        for line in body.decode().splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                try:
                    out[name] = float(value)
                except ValueError:
                    pass
        return out

    def gauge(self, name):
        return self.metrics().get(name)


# ---------------------------------------------------------------- HTTP

def request(port, method, path, body=b"", headers=None, timeout=30):
    """One request on a fresh connection: (status, headers, body); status 0
    and the error as body when the connection failed."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    except (OSError, http.client.HTTPException) as e:
        return 0, {}, f"{type(e).__name__}: {e}".encode()
    finally:
        conn.close()


def get(port, path, timeout=30):
    return request(port, "GET", path, timeout=timeout)


def post_json(port, path, value, headers=None, timeout=30):
    h = {"content-type": "application/json"}
    h.update(headers or {})
    return request(port, "POST", path, json.dumps(value).encode(), h, timeout)


def post_form(port, path, params, headers=None, timeout=30):
    h = {"content-type": "application/x-www-form-urlencoded"}
    h.update(headers or {})
    return request(port, "POST", path, urllib.parse.urlencode(params).encode(), h, timeout)


def raw_request(method, path, body, headers=()):
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: {len(body)}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers)
    return head.encode() + b"\r\n" + body


def send_all(sock, data):
    """Sends a whole request; a server that answers early (413, 503) and
    closes may cut it short, which is its right."""
    try:
        sock.sendall(data)
        return True
    except OSError:
        return False


def connect(port, rcvbuf=None):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(10)
    s.connect((HOST, port))
    return s


TCP_STATES = {"01": "ESTABLISHED", "02": "SYN_SENT", "03": "SYN_RECV", "04": "FIN_WAIT1",
              "05": "FIN_WAIT2", "06": "TIME_WAIT", "07": "CLOSE", "08": "CLOSE_WAIT",
              "09": "LAST_ACK", "0A": "LISTEN", "0B": "CLOSING"}


def tcp_state(sock, server_side=False):
    """The kernel's state of one of our connections, seen from our end
    (ESTABLISHED, CLOSE_WAIT: the server closed, GONE: reset) or from the
    server's end (ESTABLISHED: still open; FIN_WAIT1: the server closed it
    but its unsent answer, which the client never reads, holds the FIN back;
    GONE: reset or fully closed)."""
    try:
        ours, theirs = sock.getsockname()[1], sock.getpeername()[1]
    except OSError:  # reset: the kernel forgot the peer
        return "GONE"
    local, remote = (theirs, ours) if server_side else (ours, theirs)
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            parts = line.split()
            lport = int(parts[1].split(":")[1], 16)
            rport = int(parts[2].split(":")[1], 16)
            if lport == local and rport == remote:
                return TCP_STATES.get(parts[3], parts[3])
    return "GONE"


def cv(body):
    """Parses a JSON answer, or None."""
    try:
        return json.loads(body)
    except ValueError:
        return None


def check_body(text, fields=1, fmt="text"):
    return {"document_id": "attack", "fields": [
        {"name": f"f{i}", "format": fmt, "content": text} for i in range(fields)]}


def dense(n_bytes):
    """`Fin. . ` repeated: a finding every few bytes."""
    unit = "Fin. . "
    return (unit * (n_bytes // len(unit) + 1))[:n_bytes]


def std_headers(msg_id, body, ts=None, key=STD_KEY):
    ts = int(time.time()) if ts is None else ts
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    return {"content-type": "application/json", "webhook-id": msg_id,
            "webhook-timestamp": str(ts), "webhook-signature": "v1," + base64.b64encode(mac).decode()}


def github_headers(delivery, body, secret=PLAIN_SECRET):
    mac = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"content-type": "application/json", "x-hub-signature-256": "sha256=" + mac,
            "x-github-delivery": delivery}


def in_threads(n, fn):
    out = [None] * n
    def run(i):
        out[i] = fn(i)
    ts = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return out


# ---------------------------------------------------------------- cases

def case1(binary):
    """Quadratic /v2 answer: every match repeated the whole sentence."""
    case = "1 /v2/check answer size"
    unit = "Le mot , , "
    with Server(binary) as srv:
        text = unit * (12 * 1024 // len(unit))
        t0 = time.time()
        status, _, body = post_form(srv.port, "/v2/check", {"language": "fr", "text": text}, timeout=60)
        v = cv(body) or {}
        n = len(v.get("matches", []))
        per = len(body) / max(n, 1)
        check(case, f"12 KB text, one sentence, comma pairs ({len(text)} bytes)",
              "200, answer <= 2 MB and <= 2,000 bytes per match",
              f"{status}, {len(body):,} bytes for {n} matches ({per:,.0f} bytes per match, "
              f"x{len(body) / len(text):,.0f} the input), {time.time() - t0:.1f} s",
              status == 200 and len(body) <= 2 * MB and per <= 2000)
        big = unit * (240 * 1024 // len(unit))
        t0 = time.time()
        status, _, body = post_form(srv.port, "/v2/check", {"language": "fr", "text": big}, timeout=120)
        v = cv(body) or {}
        warned = (v.get("warnings") or {}).get("incompleteResults")
        alive = srv.alive() and get(srv.port, "/healthz", timeout=5)[0] == 200
        check(case, f"240 KB unauthenticated form POST ({len(big):,} bytes)",
              "200 with a bounded answer (<= 2 MB) marked incompleteResults, server alive, peak memory < 200 MB",
              f"status {status}, {len(body):,} bytes, incompleteResults={warned}, "
              f"{len(v.get('matches', []))} matches, {time.time() - t0:.1f} s, server {srv.exit_note()}, "
              f"peak {srv.hwm_mb():.0f} MB",
              status == 200 and len(body) <= 2 * MB and warned is True and alive and srv.hwm_mb() < 200)


def case2(binary):
    """Abandoned work: clients that leave must not leave their checks running."""
    case = "2 abandoned checks"
    config = "[server]\ncheck_workers = 2\n"
    with Server(binary, config) as srv:
        body = json.dumps(check_body(dense(1_900_000))).encode()
        req = raw_request("POST", "/v1/check", body, [("Content-Type", "application/json")])
        base = srv.threads()
        cpu0 = srv.cpu_s()
        socks = []
        for _ in range(30):
            s = connect(srv.port)
            send_all(s, req)
            socks.append(s)
        # The clients give up one after another, oldest first (the ones
        # whose checks run), as clients with a timeout would.
        peak_threads = base
        for s in socks:
            time.sleep(0.3)
            s.close()
            peak_threads = max(peak_threads, srv.threads())
        left = time.time()
        busy_until, last_cpu, last_t = left, srv.cpu_s(), time.time()
        while time.time() - left < 40 and srv.alive():
            time.sleep(0.25)
            now, cpu = time.time(), srv.cpu_s()
            peak_threads = max(peak_threads, srv.threads())
            if (cpu - last_cpu) / (now - last_t) > 0.2:
                busy_until = now
            elif now - busy_until > 2:
                break
            last_cpu, last_t = cpu, now
        busy = busy_until - left
        extra = peak_threads - base
        check(case, "30 clients post 1.9 MB finding-dense checks with check_workers = 2, then leave one every 0.3 s",
              "at most 2 checks at once (blocking threads added <= 3) and the CPU idle <= 5 s after the last client left",
              f"{extra} threads added (peak {peak_threads}, base {base}), CPU busy {busy:.1f} s after the clients left "
              f"({srv.cpu_s() - cpu0:.1f} CPU s in all), server {srv.exit_note()}",
              extra <= 3 and busy <= 5 and srv.alive())
        gauge = srv.gauge("coquille_in_flight_requests")
        check(case, "in-flight gauge once the abandoned work is over",
              "0", f"{gauge}", gauge == 0)
    with Server(binary) as srv:
        body = json.dumps(check_body(dense(2_000_000))).encode()
        statuses = {}
        def one(_):
            st = post_json_raw(srv.port, body, timeout=25)
            statuses[st] = statuses.get(st, 0) + 1
        threads = [threading.Thread(target=one, args=(i,)) for i in range(48)]
        for t in threads:
            t.start()
        peak = 0
        while any(t.is_alive() for t in threads) and srv.alive():
            peak = max(peak, srv.rss_mb())
            time.sleep(0.1)
        for t in threads:
            t.join()
        peak = max(peak, srv.hwm_mb())
        check(case, "48 finding-dense 2 MB posts at once (default settings)",
              "peak server memory < 200 MB, every request answered (200, or 503 with Retry-After)",
              f"peak {peak:.0f} MB, statuses {dict(sorted(statuses.items()))}, server {srv.exit_note()}",
              peak < 200 and srv.alive() and set(statuses) <= {200, 503})


def post_json_raw(port, body, timeout):
    return request(port, "POST", "/v1/check", body, {"content-type": "application/json"}, timeout)[0]


def case3(binary):
    """Finding-dense bodies and clients that never read their answer."""
    case = "3 finding-dense body"
    with Server(binary) as srv:
        text = dense(2_000_000)
        t0 = time.time()
        status, _, body = post_json(srv.port, "/v1/check", check_body(text), timeout=60)
        took = time.time() - t0
        v = cv(body) or {}
        report = ((v.get("fields") or [{}])[0]).get("report", {})
        n = len(report.get("findings", []))
        trunc = report.get("truncated")
        check(case, "2 MB of `Fin. . ` on /v1/check",
              "200, verdict fail, answer <= 2 MB, the report says truncated: true",
              f"{status}, {len(body):,} bytes (x{len(body) / len(text):.1f} the input), {n:,} findings listed, "
              f"truncated={trunc}, summary={v.get('summary')}, {took:.1f} s",
              status == 200 and v.get("verdict") == "fail" and len(body) <= 2 * MB and trunc is True)
        req = raw_request("POST", "/v1/check", json.dumps(check_body(text)).encode(),
                          [("Content-Type", "application/json")])
        base = srv.rss_mb()
        socks = []
        for _ in range(8):
            s = connect(srv.port, rcvbuf=4096)
            send_all(s, req)
            socks.append(s)
        peak, t0 = base, time.time()
        while time.time() - t0 < 20:
            peak = max(peak, srv.rss_mb())
            if time.time() - t0 > 3 and srv.gauge("coquille_in_flight_requests") == 0:
                break
            time.sleep(0.25)
        time.sleep(1)
        held = srv.rss_mb()
        check(case, "8 clients post the same body and never read the answer",
              "server memory stays < 200 MB while they hold their connections",
              f"RSS {base:.0f} MB before, peak {peak:.0f} MB, {held:.0f} MB with the 8 answers unread, "
              f"server {srv.exit_note()}",
              peak < 200 and held < 200 and srv.alive())
        t0 = time.time()
        states = []
        while time.time() - t0 < 30:
            states = [tcp_state(s, server_side=True) for s in socks]
            if all(st != "ESTABLISHED" for st in states):
                break
            time.sleep(0.5)
        closed = sum(st != "ESTABLISHED" for st in states)
        check(case, "the same 8 unread connections, watched for 30 s (server side of each)",
              "all 8 closed by the server (write or idle timeout) within 30 s",
              f"{closed} of 8 closed after {time.time() - t0:.1f} s more (server-side states: {sorted(set(states))})",
              closed == 8)
        for s in socks:
            s.close()


def case4(binary):
    """Slow bodies: one byte every 2 s on 260 connections."""
    case = "4 slow bodies"
    with Server(binary) as srv:
        stop = threading.Event()
        opened = time.time()
        socks = []
        for _ in range(260):
            s = connect(srv.port)
            s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000\r\n\r\n{")
            socks.append(s)
        def trickle():
            alive = list(socks)
            while alive and not stop.is_set():
                for s in list(alive):
                    try:
                        s.send(b" ")
                    except OSError:
                        alive.remove(s)
                stop.wait(2)
        t = threading.Thread(target=trickle)
        t.start()
        time.sleep(0.5)
        body = check_body("Une phrase correcte. Une autre.")
        statuses = []
        def normal():
            t0 = time.time()
            for _ in range(21):
                statuses.append(post_json(srv.port, "/v1/check", body, timeout=15)[0])
                time.sleep(max(0, 0.5 - (time.time() - t0) % 0.5))
        client = threading.Thread(target=normal)
        t0 = time.time()
        client.start()
        time.sleep(max(0, opened + 5 - time.time()))
        closed = sum(tcp_state(s) != "ESTABLISHED" for s in socks)
        client.join()
        took = time.time() - t0
        stop.set()
        t.join()
        for s in socks:
            s.close()
        ok = statuses.count(200)
        check(case, "260 connections sending one body byte every 2 s, a normal client posting 21 checks",
              ">= 20 of 21 normal requests answered 200, and >= 250 slow connections closed by the server "
              "within 5 s of opening",
              f"{ok} of 21 answered 200 (statuses {sorted(set(statuses))}) over {took:.1f} s; "
              f"{closed} of 260 slow connections closed by the server 5 s after opening",
              ok >= 20 and closed >= 250)


def case5(binary):
    """Replay: swapped verdicts and cache growth."""
    case = "5 replay"
    config = "[server]\nreplay_cache_size = 10000\n"
    passing = json.dumps({"title": "Titre", "body": "Une phrase correcte."}).encode()
    failing = json.dumps({"title": "Titre", "body": "Un texte.. avec un défaut."}).encode()
    with Server(binary, config) as srv:
        st, _, b = request(srv.port, "POST", "/v1/webhooks/github-style", passing,
                           github_headers("article-B-delivery", passing))
        info(f"captured passing body sent under article B's delivery id: {st} {(cv(b) or {}).get('verdict')}")
        st, h, b = request(srv.port, "POST", "/v1/webhooks/github-style", failing,
                           github_headers("article-B-delivery", failing))
        verdict = (cv(b) or {}).get("verdict")
        check(case, "github-style: article B (failing) delivered under an id a captured passing body used first",
              "B is checked (verdict fail) or refused (409); never the passing body's verdict",
              f"{st} verdict={verdict} replayed={h.get('coquille-replayed')}",
              (st == 200 and verdict == "fail") or st == 409)
        st1, _, b1 = request(srv.port, "POST", "/v1/webhooks/standard", passing, std_headers("msg_swap", passing))
        st2, h2, b2 = request(srv.port, "POST", "/v1/webhooks/standard", failing, std_headers("msg_swap", failing))
        verdict = (cv(b2) or {}).get("verdict")
        check(case, "standard: a different, validly signed body under a used webhook-id",
              "409 (or a fresh check: verdict fail); never the first body's verdict",
              f"first {st1} {(cv(b1) or {}).get('verdict')}, second {st2} verdict={verdict} "
              f"replayed={h2.get('coquille-replayed')}",
              st2 == 409 or (st2 == 200 and verdict == "fail" and not h2.get("coquille-replayed")))
        st3, h3, b3 = request(srv.port, "POST", "/v1/webhooks/standard", passing, std_headers("msg_swap", passing))
        check(case, "standard: the same delivery again (a CMS retry)",
              "200 with the first verdict (pass), marked coquille-replayed: true",
              f"{st3} verdict={(cv(b3) or {}).get('verdict')} replayed={h3.get('coquille-replayed')}",
              st3 == 200 and (cv(b3) or {}).get("verdict") == "pass" and h3.get("coquille-replayed") == "true")
    with Server(binary, config) as srv:
        body = json.dumps({"title": "Titre", "body": dense(300_000)}).encode()
        headers = github_headers("x", body)
        sizes = []
        def send(i):
            h = dict(headers, **{"x-github-delivery": f"forged-{i}"})
            st, _, b = request(srv.port, "POST", "/v1/webhooks/github-style", body, h, timeout=60)
            sizes.append(len(b))
            return st
        def round_of(first):
            out = []
            for i in range(first, first + 100, 4):
                out += in_threads(4, lambda k: send(i + k))
            time.sleep(1)
            return out, srv.rss_mb()
        base = srv.rss_mb()
        statuses, rss1 = round_of(0)
        more, rss2 = round_of(100)
        statuses += more
        cache = {k: v for k, v in srv.metrics().items() if k.startswith("coquille_replay_cache")}
        check(case, "one captured signed 300 KB dense body replayed under 200 made-up delivery ids (2 rounds of 100)",
              "nothing kept per delivery: RSS growth over the second 100 < 20 MB (the first round also "
              "fills the allocator's pools)",
              f"RSS {base:.0f} MB -> {rss1:.0f} MB after 100 -> {rss2:.0f} MB after 200 (second round "
              f"{rss2 - rss1:+.0f} MB); answers of {max(sizes, default=0):,} bytes each; replay cache "
              f"{cache or 'not exported'}; statuses {sorted(set(statuses))}, server {srv.exit_note()}",
              srv.alive() and rss1 > 0 and rss2 - rss1 < 20)


def case6(binary):
    """A webhook with nothing Coquille can read must not pass the gate."""
    case = "6 nothing to check"
    with Server(binary) as srv:
        ping = json.dumps({"type": "ping", "data": {"id": 42}}).encode()
        st, h, b = request(srv.port, "POST", "/v1/webhooks/standard", ping, std_headers("msg_ping", ping))
        v = cv(b) or {}
        check(case, "signed Standard Webhooks payload without any text field",
              "422 problem+json (never 200 verdict=pass)",
              f"{st} {h.get('content-type')} verdict={v.get('verdict')} detail={v.get('detail') or v.get('note')}",
              st == 422)
        st, h, b = request(srv.port, "POST", "/v1/webhooks/github-style", ping, github_headers("d-ping", ping))
        check(case, "signed github-style payload without any text field",
              "422", f"{st} verdict={(cv(b) or {}).get('verdict')}", st == 422)


def case7(binary):
    """One token policy; each adapter only its own kind of secret; CORS."""
    case = "7 tokens and secrets"
    env = {"COQUILLE_API_TOKEN": API_TOKEN, "COQUILLE_WEBHOOK_TOKEN": STRAPI_TOKEN}
    with Server(binary, env=env) as srv:
        form = {"language": "fr", "text": "Fin.. ici."}
        st_none = post_form(srv.port, "/v2/check", form)[0]
        st_tok = post_form(srv.port, "/v2/check", form, {"authorization": f"Bearer {API_TOKEN}"})[0]
        v1_none = post_json(srv.port, "/v1/check", check_body("Fin.. ici."))[0]
        check(case, "COQUILLE_API_TOKEN set: /v2/check without the token",
              "401 (like /v1/check); 200 with it",
              f"/v2 without {st_none}, with {st_tok}; /v1 without {v1_none}",
              st_none == 401 and st_tok == 200 and v1_none == 401)
        body = json.dumps({"entry": {"title": "Titre", "content": "Fin.. ici."},
                           "fields": {"title": {"fr": "Titre"}}}).encode()
        for adapter in ("strapi", "contentful"):
            st = request(srv.port, "POST", f"/v1/webhooks/{adapter}", body,
                         {"content-type": "application/json", "authorization": f"Bearer {STD_SECRET}"})[0]
            check(case, f"{adapter}: the Standard Webhooks whsec_ key sent as a bearer token",
                  "401", f"{st}", st == 401)
            st = request(srv.port, "POST", f"/v1/webhooks/{adapter}", body,
                         {"content-type": "application/json", "authorization": f"Bearer {PLAIN_SECRET}"})[0]
            check(case, f"{adapter}: the github-style/ghost HMAC key sent as a bearer token",
                  "401", f"{st}", st == 401)
        st = request(srv.port, "POST", "/v1/webhooks/strapi", body,
                     {"content-type": "application/json", "authorization": f"Bearer {STRAPI_TOKEN}"})[0]
        check(case, "strapi: its own token (COQUILLE_WEBHOOK_TOKEN)", "200", f"{st}", st == 200)
        pre = request(srv.port, "OPTIONS", "/v2/check", headers={
            "origin": "https://evil.example", "access-control-request-method": "POST",
            "access-control-request-headers": "authorization"})
        acao = pre[1].get("access-control-allow-origin")
        check(case, "token set, no origin configured: CORS preflight from another origin",
              "no Access-Control-Allow-Origin (never *)", f"{pre[0]} allow-origin={acao}", acao is None)
    with Server(binary) as srv:
        pre = request(srv.port, "OPTIONS", "/v1/check", headers={
            "origin": "https://editor.example", "access-control-request-method": "POST",
            "access-control-request-headers": "content-type"})
        acao = pre[1].get("access-control-allow-origin")
        check(case, "no token: CORS preflight on /v1/check (browser editor plug-in)",
              "2xx with Access-Control-Allow-Origin", f"{pre[0]} allow-origin={acao}",
              200 <= pre[0] < 300 and acao is not None)


def case8(binary):
    """The lesser items."""
    case = "8 lesser"
    config = "[server]\nrequest_timeout_ms = 1500\n"
    with Server(binary, config) as srv:
        ok = post_json(srv.port, "/v1/check", check_body("Bien."))
        err = post_json(srv.port, "/v1/check", {"nope": 1})
        missing = [(name, h) for name, (_, h, _) in (("200", ok), ("422", err))
                   if h.get("x-content-type-options") != "nosniff" or "no-store" not in h.get("cache-control", "")]
        check(case, "security headers on an answer and on an error",
              "X-Content-Type-Options: nosniff and Cache-Control: no-store on both",
              "missing on " + ", ".join(n for n, _ in missing) if missing else "present on both",
              not missing)
        probe = "<img src=x onerror=alert(1)>"
        st, _, b = post_form(srv.port, "/v2/check", {"language": probe, "text": "Bien."})
        check(case, "`language` value in error details",
              "4xx whose body does not contain the value sent", f"{st}, echoed={probe.encode() in b}",
              400 <= st < 500 and probe.encode() not in b)
        bad = b"language=fr&text=caf%C3%A9%FF%FE+fin.."
        st, _, b = request(srv.port, "POST", "/v2/check", bad,
                           {"content-type": "application/x-www-form-urlencoded"})
        v1 = request(srv.port, "POST", "/v1/check",
                     b'{"fields":[{"name":"b","content":"caf\xc3\xa9\xff\xfe fin.."}]}',
                     {"content-type": "application/json"})[0]
        check(case, "invalid UTF-8 in the text (/v2 form and /v1 JSON)",
              "400 on both", f"/v2 {st}, /v1 {v1}", st == 400 and v1 == 400)
        # Timeouts: a check longer than request_timeout_ms (1.5 s here).
        slow_body = json.dumps(check_body(dense(2_000_000))).encode()
        st = request(srv.port, "POST", "/v1/check", slow_body, {"content-type": "application/json"}, timeout=30)[0]
        m = srv.metrics()
        labels = sorted(k for k in m if k.startswith("coquille_http_requests_total") and 'status="503"' in k)
        check(case, "a request that runs out of time is labelled with its route",
              "503, counted under route=\"/v1/check\", nothing under \"unmatched\"",
              f"{st}; {labels}",
              st == 503 and any('route="/v1/check"' in k for k in labels)
              and not any("unmatched" in k for k in labels))
        # Gauge drift: clients that leave mid-check.
        body = json.dumps(check_body(dense(400_000))).encode()
        req = raw_request("POST", "/v1/check", body, [("Content-Type", "application/json")])
        for _ in range(20):
            s = connect(srv.port)
            send_all(s, req)
            time.sleep(0.05)
            s.close()
        t0 = time.time()
        gauge = None
        while time.time() - t0 < 15:
            gauge = srv.gauge("coquille_in_flight_requests")
            if gauge == 0:
                break
            time.sleep(0.5)
        check(case, "in-flight gauge after 20 clients left in the middle of their check",
              "back to 0 within 15 s", f"{gauge} after {time.time() - t0:.1f} s", gauge == 0)
    # Error answers an attacker can make cheaply and fast: refused credentials.
    with Server(binary, env={"COQUILLE_API_TOKEN": API_TOKEN}) as srv:
        before = srv.log().count("\n")
        small = json.dumps(check_body("Bien.")).encode()
        statuses = {}
        def burst(_):
            for _ in range(250):
                st = request(srv.port, "POST", "/v1/check", small,
                             {"content-type": "application/json", "authorization": "Bearer wrong"}, 10)[0]
                statuses[st] = statuses.get(st, 0) + 1
        t0 = time.time()
        in_threads(8, burst)
        took = time.time() - t0
        time.sleep(1.2)
        lines = srv.log().count("\n") - before
        per_s = lines / (int(took) + 2)
        check(case, "log lines while 2,000 requests are refused (401, 8 clients in a loop)",
              "error answers logged at a bounded rate: <= 12 lines per second of the burst",
              f"{dict(sorted(statuses.items()))} in {took:.1f} s, {lines} log lines written ({per_s:.0f} per second; "
              f"{len(srv.log()):,} bytes of log in all)",
              statuses.get(401, 0) == 2000 and per_s <= 12)


def case9(binary):
    """400 connections of 10 KB articles: shed load, keep serving."""
    case = "9 overload"
    import shutil
    if not shutil.which("wrk"):
        check(case, "wrk available", "wrk installed (apt-get install wrk)", "missing", False)
        return
    work = tempfile.mkdtemp(prefix="coquille-attack-wrk-")
    body_path = os.path.join(work, "body.json")
    with open(body_path, "w") as f:
        f.write(json.dumps(article.check_body(article.article()), ensure_ascii=False))
    lua = os.path.join(HERE, "overload.lua")
    env = dict(os.environ, COQUILLE_LOADTEST_BODY=body_path)
    duration = 10

    def wrk(port, conns):
        out = subprocess.run(
            ["wrk", "-t2", f"-c{conns}", f"-d{duration}s", "--timeout", "10s", "-s", lua,
             f"http://{HOST}:{port}/v1/check"], capture_output=True, text=True, env=env,
            timeout=duration + 60)
        line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT")), "")
        return dict(kv.split("=") for kv in line.split()[1:]) if line else {}

    with Server(binary) as srv:
        # Capacity and overload alternate, so that the load of whatever else
        # runs on the machine weighs on both alike.
        runs = {16: [], 400: []}
        log_before = srv.log().count("\n")
        for conns in (16, 400, 16, 400):
            runs[conns].append(wrk(srv.port, conns))
        time.sleep(2)
        log_lines = srv.log().count("\n") - log_before
        m = srv.metrics()
        gauges = {k: v for k, v in m.items() if k.startswith(("coquille_in_flight", "coquille_checks_running",
                                                                 "coquille_pending_body_bytes"))}
        mean = lambda rs, k: sum(float(r.get(k, 0)) for r in rs) / max(len(rs), 1)
        total = lambda rs, k: sum(int(r.get(k, 0)) for r in rs)
        cap_rps, ok_rps = mean(runs[16], "ok_rps"), mean(runs[400], "ok_rps")
        n503, retry = total(runs[400], "s503"), total(runs[400], "retry_after")
        hwm = srv.hwm_mb()
        check(case, f"wrk 16 connections, twice {duration} s: throughput at capacity",
              "no error", f"{runs[16]}",
              all(int(r.get("other", 1)) == 0 and int(r.get("s503", 1)) == 0 for r in runs[16]))
        check(case, f"wrk 400 connections of 10 KB articles, twice {duration} s (between the capacity runs)",
              ">= 90% of the 16-connection successful throughput; 503s, all with Retry-After; peak memory < 200 MB; "
              "gauges at 0 afterwards",
              f"{ok_rps:.0f} ok/s vs {cap_rps:.0f} at capacity ({100 * ok_rps / max(cap_rps, 1):.0f}%), "
              f"{n503} x 503 ({retry} with Retry-After), other statuses {total(runs[400], 'other')}, "
              f"socket errors {total(runs[400], 'errors')}, p50 {[r.get('p50_ms') for r in runs[400]]} ms "
              f"p99 {[r.get('p99_ms') for r in runs[400]]} ms; peak {hwm:.0f} MB; {log_lines} log lines; "
              f"gauges {gauges}",
              ok_rps >= 0.9 * cap_rps and n503 > 0 and retry == n503 and hwm < 200
              and gauges and all(v == 0 for v in gauges.values()))


CASES = [(1, "quadratic", case1), (2, "abandoned", case2), (3, "dense", case3), (4, "slow", case4),
         (5, "replay", case5), (6, "empty", case6), (7, "tokens", case7), (8, "lesser", case8),
         (9, "overload", case9)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the coquille binary")
    ap.add_argument("cases", nargs="*", help="case numbers or names (default: all)")
    args = ap.parse_args()
    chosen = [c for c in CASES if not args.cases or str(c[0]) in args.cases or c[1] in args.cases]
    started = time.time()
    print(f"== coquille serve attack suite: {args.bin}, {os.cpu_count()} cores, "
          f"load {open('/proc/loadavg').read().split()[:3]}, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
    for num, name, fn in chosen:
        print(f"\n-- case {num}: {fn.__doc__}", flush=True)
        t0 = time.time()
        try:
            fn(args.bin)
        except Exception as e:  # a case that cannot finish is a failure, not a crash of the suite
            check(f"{num} {name}", "case ran to the end", "no exception", f"{type(e).__name__}: {e}", False)
        print(f"         ({time.time() - t0:.0f} s)")
    fails = [r for r in RESULTS if r[2] == "FAIL"]
    print(f"\n== {len(RESULTS) - len(fails)} PASS, {len(fails)} FAIL in {time.time() - started:.0f} s")
    for case, what, _ in fails:
        print(f"   FAIL {case}: {what}")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
