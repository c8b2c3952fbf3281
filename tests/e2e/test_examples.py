#!/usr/bin/env python3
"""End-to-end tests of the example programs against the local OneLogin v3 server.

Starts examples/onelogin_server on an ephemeral loopback port, runs curl_send_invite,
httplib_send_invite and bulk_invite against it for every outcome and every fault mode, and checks
their exit statuses, what they print, what they write, and what the server received.

  test_examples.py --bin-dir DIR [--jobs N] [unittest options]

Each test has a server, a folder and ports of its own, and most of their time is spent waiting
(on timeouts, signals, rate-limit windows), so the tests run side by side: --jobs N at a time,
each in its own process (default 4). Tests named on the command line run in this process, in turn.
"""
import argparse
import collections
import contextlib
import csv
import http.server
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

BIN_DIR = None
API_KEY = "test-key-0123456789"
CLIENT_ID = "test-client-42"
CLIENT_SECRET = "test-secret-9876543210"
USERS = [f"user{i}@example.com" for i in range(700)]

# Exit statuses of the examples (examples/invite_cli.hpp).
SENT, FAILED, USAGE, INVALID_API_KEY, NO_SUCH_USER, API_ERROR, MALFORMED, NO_ANSWER = 0, 1, 2, 3, 4, 5, 6, 7
INTERRUPTED = 130


@contextlib.contextmanager
def raw_listener(handle):
    """A loopback TCP listener that hands each connection to handle(connection) on a thread of its
    own until the block ends, then closes it; yields its http:// URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                handle(connection)

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=10)
        listener.close()


@contextlib.contextmanager
def http_listener(handler):
    """A loopback HTTP server answering with `handler` (an http.server request handler class) on a
    thread of its own until the block ends; yields its http:// URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


class Server:
    """The local OneLogin v3 server, running until the `with` block ends."""

    def __init__(self, workdir, *args):
        self.log_path = os.path.join(workdir, f"server-{time.monotonic_ns()}.log")
        config = os.path.join(workdir, "server.conf")
        with open(config, "w") as out:
            out.write(f"# test accounts\napi_key {API_KEY}\nclient {CLIENT_ID} {CLIENT_SECRET}\n")
            out.writelines(f"user {user}\n" for user in USERS)
        self.process = subprocess.Popen(
            [os.path.join(BIN_DIR, "onelogin_server"), "--config", config, "--log", self.log_path, *args],
            stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError(f"the server did not start: {line!r}")
        self.url = line.split()[-1]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)
        self.process.stdout.close()

    def requests(self):
        """What the server received, one dict per request."""
        if not os.path.exists(self.log_path):
            return []
        with open(self.log_path) as log:
            return [json.loads(line) for line in log]


def run(program, *args, env_key=API_KEY, timeout=120, extra_env=None):
    env = dict(os.environ)
    for name in ("ONELOGIN_API_KEY", "ONELOGIN_CLIENT_ID", "ONELOGIN_CLIENT_SECRET", "ONELOGIN_ACCESS_TOKEN"):
        env.pop(name, None)
    if env_key is not None:
        env["ONELOGIN_API_KEY"] = env_key
    env.update(extra_env or {})
    return subprocess.run([os.path.join(BIN_DIR, program), *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


class ClientTests(unittest.TestCase):
    """curl_send_invite and httplib_send_invite: the same behaviour over two HTTP stacks."""

    CLIENTS = ["curl_send_invite", "httplib_send_invite"]

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="onelogin-e2e-")

    def check(self, client, server, args, status, words, env_key=API_KEY):
        result = run(client, "--base-url", server.url, *args, env_key=env_key)
        self.assertEqual(result.returncode, status, f"{client} {args}: {result.stdout}{result.stderr}")
        self.assertIn(words, result.stdout, f"{client} {args}")
        if env_key:
            self.assertNotIn(env_key, result.stdout + result.stderr, "the API key was printed")
        return result

    def test_documented_outcomes_and_what_the_server_received(self):
        for client in self.CLIENTS:
            with self.subTest(client=client), Server(self.workdir) as server:
                self.check(client, server, ["user1@example.com"], SENT, 'invite sent to "user1@example.com"')
                self.check(client, server, ["--personal-email", "me@home.example", "user2@example.com"], SENT,
                           'invite sent to "me@home.example"')
                self.check(client, server, ["ghost@example.com"], NO_SUCH_USER, "no such user")
                self.check(client, server, ["user1@example.com"], INVALID_API_KEY, "API key refused",
                           env_key="wrong-key-99999999")
                received = server.requests()
                self.assertEqual([(r["email"], r["personal_email"], r["outcome"]) for r in received], [
                    ("user1@example.com", "", "sent"),
                    ("user2@example.com", "me@home.example", "sent"),
                    ("ghost@example.com", "", "no_such_user"),
                    ("user1@example.com", "", "invalid_api_key"),
                ])
                self.assertEqual(received[0]["api_key"], "****" + API_KEY[-4:])
                self.assertEqual(received[3]["api_key"], "****" + "wrong-key-99999999"[-4:])

    def test_invalid_requests_are_not_sent(self):
        for client in self.CLIENTS:
            with self.subTest(client=client), Server(self.workdir) as server:
                self.check(client, server, ["not-an-address"], USAGE, "invalid request (email): email has no '@'")
                self.check(client, server, ["--personal-email", "a b@example.com", "user1@example.com"], USAGE,
                           "invalid request (personal_email): personal_email contains whitespace")
                result = run(client, "--base-url", "http://onelogin.example.com", "user1@example.com")
                self.assertEqual(result.returncode, USAGE)
                self.assertIn("base_url uses http:// for a host that is not loopback", result.stdout)
                self.assertEqual(server.requests(), [])

    def test_the_api_key_comes_from_a_file_or_the_environment_never_argv(self):
        key_file = os.path.join(self.workdir, "key")
        with open(key_file, "w") as out:
            out.write(API_KEY + "\n")
        for client in self.CLIENTS:
            with self.subTest(client=client), Server(self.workdir) as server:
                self.check(client, server, ["--api-key-file", key_file, "user1@example.com"], SENT, "invite sent",
                           env_key=None)
                result = run(client, "--base-url", server.url, "user1@example.com", env_key=None)
                self.assertEqual(result.returncode, USAGE)
                self.assertIn("no API key", result.stderr)
                result = run(client, "--api-key", API_KEY, "--base-url", server.url, "user1@example.com", env_key=None)
                self.assertEqual(result.returncode, USAGE, "an API key on the command line must be refused")
                self.assertEqual(len(server.requests()), 1)

    def test_every_fault_mode(self):
        expected = {
            "html502": (MALFORMED, "an HTML page, not an API response"),
            "html503": (MALFORMED, "503 Service Temporarily Unavailable"),
            "drop": (NO_ANSWER, "no answer"),
            "slow": (NO_ANSWER, "no answer"),
            "429": (API_ERROR, "(HTTP 429)"),
            "truncated": (NO_ANSWER, "no answer"),
        }
        for fault, (status, words) in expected.items():
            for client in self.CLIENTS:
                with self.subTest(fault=fault, client=client), \
                        Server(self.workdir, "--fault", fault, "--slow-ms", "2500") as server:
                    self.check(client, server, ["--timeout", "1", "user1@example.com"], status, words)
                    time.sleep(0.1 if fault != "slow" else 1.6)  # let a slow answer finish
                    received = server.requests()
                    self.assertEqual([r["fault"] for r in received], [fault])
        # The words say what happened, each stack in its own way.
        with Server(self.workdir, "--fault", "truncated") as server:
            self.check("curl_send_invite", server, ["user1@example.com"], NO_ANSWER, "partial file")
            self.check("httplib_send_invite", server, ["user1@example.com"], NO_ANSWER,
                       "before the whole answer came")

    def test_the_readme_first_program(self):
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
        with open(os.path.join(root, "examples", "quick_start.cpp")) as source, \
                open(os.path.join(root, "README.md")) as readme:
            program = source.read().split("\n", 2)[2].lstrip("\n")
            self.assertIn(program, readme.read(), "the README shows another program than quick_start.cpp")
        with Server(self.workdir) as server:
            sent = run("quick_start", "user1@example.com", server.url)
            self.assertEqual(sent.returncode, 0, sent.stdout + sent.stderr)
            self.assertTrue(sent.stdout.startswith('invite sent to "user1@example.com"'), sent.stdout)
            missing = run("quick_start", "ghost@example.com", server.url)
            self.assertEqual(missing.returncode, 1, missing.stdout)
            self.assertEqual(missing.stdout.splitlines()[1], "do not retry: a definite answer")
            self.assertEqual([r["email"] for r in server.requests()], ["user1@example.com", "ghost@example.com"])

    def test_quick_start_reads_headers_caps_the_body_and_times_out(self):
        with Server(self.workdir, "--fault", "429") as server:
            # A proxy from the environment would see the API key in clear text over http://.
            dead_proxy = {name: "http://127.0.0.1:1" for name in ("http_proxy", "HTTP_PROXY", "ALL_PROXY")}
            limited = run("quick_start", "user1@example.com", server.url, extra_env=dead_proxy)
            self.assertEqual(limited.returncode, 1, limited.stdout)
            # The server's Retry-After: 1 reached retry_advice (without it, a 429 waits 60 s).
            self.assertEqual(limited.stdout.splitlines()[1], "retry after 1 s: rate limited")
        with Server(self.workdir, "--fault", "huge") as server:
            started = time.monotonic()
            huge = run("quick_start", "user1@example.com", server.url, timeout=60)
            self.assertLess(time.monotonic() - started, 10, "the 256 MiB body was read to its end")
            self.assertEqual(huge.returncode, 1, huge.stdout)
            self.assertIn("too large", huge.stdout)
            self.assertIn("check before sending again", huge.stdout, "a 200 was answered: never resend blindly")
            self.assertEqual([r["fault"] for r in server.requests()], ["huge"])
        # A server that takes the connection and never answers: the total timeout (20 s) ends it,
        # and the request may have arrived.
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen(8)
            url = f"http://127.0.0.1:{silent.getsockname()[1]}"
            started = time.monotonic()
            hung = run("quick_start", "user1@example.com", url, timeout=60)
            self.assertLess(time.monotonic() - started, 30)
            self.assertEqual(hung.returncode, 1, hung.stdout)
            self.assertIn("may have reached the server", hung.stdout)
            self.assertIn("check before sending again", hung.stdout)
        # Nothing listens there now: the request never left, so sending it again is safe.
        refused = run("quick_start", "user1@example.com", url)
        self.assertEqual(refused.returncode, 1, refused.stdout)
        self.assertTrue(refused.stdout.startswith("not sent (the request never reached the server)"), refused.stdout)
        self.assertIn("sending it again is safe", refused.stdout)
        httplib_refused = run("httplib_send_invite", "--base-url", url, "user1@example.com")
        self.assertEqual(httplib_refused.returncode, NO_ANSWER, httplib_refused.stdout)
        self.assertIn("not sent (the request never reached the server)", httplib_refused.stdout)

    def test_a_huge_body_is_read_no_further_than_the_cap(self):
        import resource
        clients = [*self.CLIENTS]
        if os.path.exists(os.path.join(BIN_DIR, "beast_send_invite")):
            clients.append("beast_send_invite")
        with Server(self.workdir, "--fault", "huge") as server:
            for client in clients:
                with self.subTest(client=client):
                    started = time.monotonic()
                    self.check(client, server, ["user1@example.com"], MALFORMED, "too large")
                    self.assertLess(time.monotonic() - started, 10, "the 256 MiB body was read to its end")
            self.assertEqual(len(server.requests()), len(clients))
        # No client held the body: the largest child so far (the servers included, sanitizers'
        # overhead too) stayed well under the 256 MiB a client reading it all would hold.
        self.assertLess(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 192 * 1024)

    def test_a_gateway_504_after_the_invite_went_out_is_never_sent_twice(self):
        with Server(self.workdir, "--fault", "gateway504") as server:
            for client in self.CLIENTS:
                with self.subTest(client=client):
                    self.check(client, server, ["user1@example.com"], MALFORMED, "504 Gateway Time-out")
            quick = run("quick_start", "user1@example.com", server.url)
            self.assertEqual(quick.returncode, 1, quick.stdout)
            self.assertIn("check before sending again", quick.stdout)
            self.assertNotIn("retry after", quick.stdout)
            # The server performed each request once, and each client sent it once.
            received = server.requests()
            self.assertEqual([(r["outcome"], r["status"]) for r in received], [("sent", 504)] * 3)

    def test_a_server_that_echoes_the_request_gets_no_secret_printed(self):
        for client in [*self.CLIENTS, "quick_start"]:
            with self.subTest(client=client), Server(self.workdir, "--fault", "echo") as server:
                args = ["user1@example.com", server.url] if client == "quick_start" else \
                    ["--base-url", server.url, "user1@example.com"]
                result = run(client, *args)
                self.assertIn("POST /api/v3/invites/send_invite_link", result.stdout, "the echo was not shown")
                self.assertNotIn(API_KEY, result.stdout + result.stderr)
                self.assertNotIn(API_KEY[-8:], result.stdout + result.stderr, "a part of the key was printed")
        credentials = {"ONELOGIN_CLIENT_ID": CLIENT_ID, "ONELOGIN_CLIENT_SECRET": CLIENT_SECRET}
        for option, path in [("--token-fault", "/auth/oauth2/v2/token"), ("--fault", "/api/1/invites/send_invite_link")]:
            with self.subTest(option=option), Server(self.workdir, option, "echo") as server:
                result = run("curl_send_invite", "--api1", "--base-url", server.url, "user1@example.com",
                             env_key=None, extra_env=credentials)
                self.assertEqual(result.returncode, API_ERROR, result.stdout + result.stderr)
                self.assertIn("POST " + path, result.stdout, "the echo was not shown")
                for secret in (CLIENT_SECRET, CLIENT_SECRET[-8:], "token-"):
                    self.assertNotIn(secret, result.stdout + result.stderr, "a secret was printed")

    def test_boost_beast_async_client(self):
        if not os.path.exists(os.path.join(BIN_DIR, "beast_send_invite")):
            self.skipTest("built only when Boost and OpenSSL are installed")
        with Server(self.workdir) as server:
            self.check("beast_send_invite", server, ["user1@example.com"], SENT,
                       'invite sent to "user1@example.com"')
            self.check("beast_send_invite", server, ["ghost@example.com"], NO_SUCH_USER, "no such user")
        # Nothing listens on a port just freed: the request never left, and the error says so.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        refused = run("beast_send_invite", "--base-url", f"http://127.0.0.1:{port}", "user1@example.com")
        self.assertEqual(refused.returncode, NO_ANSWER, refused.stdout)
        self.assertIn("not sent (the request never reached the server)", refused.stdout)

    def test_a_bad_command_line_exits_2_with_the_generated_message_and_help_lists_every_option(self):
        common = ["--personal-email", "--base-url", "--api-key-file", "--timeout", "--print-curl"]
        options = {client: common for client in self.CLIENTS}
        options["curl_send_invite"] = common + ["--api1", "--subdomain", "--client-secret-file"]
        if os.path.exists(os.path.join(BIN_DIR, "beast_send_invite")):
            options["beast_send_invite"] = common
        with Server(self.workdir) as server:
            for client, names in options.items():
                with self.subTest(client=client):
                    shown = run(client, "--help")
                    self.assertEqual(shown.returncode, SENT, shown.stderr)
                    for name in names + ["EMAIL"]:
                        self.assertIn(name, shown.stdout, f"{client} --help")
                    self.assertIn("Exit status:", shown.stdout)
                    for value in ("0", "86401", "ten"):
                        bad = run(client, "--base-url", server.url, "--timeout", value, "user1@example.com")
                        self.assertEqual(bad.returncode, USAGE, bad.stderr)
                        self.assertIn(f"--timeout: Value {value} not in range 1 to 86400", bad.stderr)
                    missing = run(client, "--base-url", server.url, "--api-key-file", self.workdir + "/none", "a@b.c")
                    self.assertEqual(missing.returncode, USAGE)
                    self.assertIn("--api-key-file", missing.stderr)
                    # A key typed on the command line is refused and never repeated, however it
                    # is joined to an option, or when given where the key file's path goes.
                    for typed_key, named in ((["--api-key", "typed-key-4242"], "--api-key"),
                                             (["--api-key=typed-key-4242"], "--api-key"),
                                             (["-ktyped-key-4242"], "-k"),
                                             (["--api-key-file", "typed-key-4242"], "--api-key-file")):
                        typed = run(client, "--base-url", server.url, "user1@example.com", *typed_key)
                        self.assertEqual(typed.returncode, USAGE, typed_key)
                        self.assertIn(named, typed.stderr)
                        self.assertNotIn("typed-key-4242", typed.stdout + typed.stderr)
                    self.assertEqual(run(client, "--base-url", server.url).returncode, USAGE, "no EMAIL")
            for args in (["--subdomain", "acme", "a@b.c"], ["--api1", "a@b.c"],
                         ["--api1", "--subdomain", "acme", "--base-url", server.url, "a@b.c"]):
                bad = run("curl_send_invite", *args, env_key=None, extra_env=Api1Tests.CREDENTIALS)
                self.assertEqual(bad.returncode, USAGE, f"{args}: {bad.stderr}")
                self.assertRegex(bad.stderr, r"--subdomain requires --api1|--api1 needs|excludes")
            self.assertEqual(server.requests(), [], "a bad command line sent a request")

    def test_print_curl_masks_the_key(self):
        with Server(self.workdir) as server:
            result = self.check("curl_send_invite", server, ["--print-curl", "user1@example.com"], SENT, "invite sent")
            self.assertIn("""--data-raw '{"api_key":"****","email":"user1@example.com"}'""", result.stdout)


class Api1Tests(unittest.TestCase):
    """curl_send_invite --api1: the token exchange, then API /1, with its errors and rate limits."""

    CREDENTIALS = {"ONELOGIN_CLIENT_ID": CLIENT_ID, "ONELOGIN_CLIENT_SECRET": CLIENT_SECRET}

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="onelogin-api1-")

    def send(self, server, *args, status, words, credentials=None):
        env = dict(self.CREDENTIALS if credentials is None else credentials)
        result = run("curl_send_invite", "--api1", "--base-url", server.url, *args, env_key=None,
                     extra_env=env)
        self.assertEqual(result.returncode, status, f"{args}: {result.stdout}{result.stderr}")
        self.assertIn(words, result.stdout, f"{args}")
        for secret in (CLIENT_SECRET, "token-"):
            self.assertNotIn(secret, result.stdout + result.stderr, "a secret was printed")
        return result

    def test_a_token_then_the_invite(self):
        with Server(self.workdir) as server:
            result = self.send(server, "--print-curl", "--personal-email", "me@home.example",
                               "user1@example.com", status=SENT, words='invite sent to "me@home.example"')
            self.assertIn("'Authorization: ****'", result.stdout)
            self.assertIn("'Authorization: bearer ****'", result.stdout)
            self.assertIn("rate limit: 4999 of 5000 calls left, resets in", result.stdout)
            received = server.requests()
            self.assertEqual([(r["path"], r["outcome"]) for r in received], [
                ("/auth/oauth2/v2/token", "token"),
                ("/api/1/invites/send_invite_link", "sent"),
            ])
            self.assertEqual(received[0]["client_id"], CLIENT_ID)
            self.assertEqual(received[1]["authorization"], "bearer ****")
            self.assertEqual(received[1]["sent_to"], "me@home.example")

    def test_api1_outcomes(self):
        with Server(self.workdir) as server:
            self.send(server, "ghost@example.com", status=NO_SUCH_USER, words="no such user")
            self.send(server, "user1@example.com", status=INVALID_API_KEY,
                      words="client credentials refused",
                      credentials={"ONELOGIN_CLIENT_ID": CLIENT_ID, "ONELOGIN_CLIENT_SECRET": "wrong-secret"})
            # A stale token is refused, renewed once, and the invite goes out.
            self.send(server, "user2@example.com", status=SENT, words='invite sent to "user2@example.com"',
                      credentials=dict(self.CREDENTIALS, ONELOGIN_ACCESS_TOKEN="stale-token"))
            # Without credentials to renew it, the refusal is the answer.
            self.send(server, "user3@example.com", status=INVALID_API_KEY, words="access token refused",
                      credentials={"ONELOGIN_ACCESS_TOKEN": "stale-token"})
            self.assertEqual([(r["path"].rsplit("/", 1)[-1], r["outcome"]) for r in server.requests()], [
                ("token", "token"), ("send_invite_link", "no_such_user"),
                ("token", "invalid_client"),
                ("send_invite_link", "invalid_token"), ("token", "token"), ("send_invite_link", "sent"),
                ("send_invite_link", "invalid_token"),
            ])

    def test_invalid_api1_requests_are_not_sent(self):
        with Server(self.workdir) as server:
            result = run("curl_send_invite", "--api1", "--subdomain", "acme.onelogin.com", "user1@example.com",
                         env_key=None, extra_env=self.CREDENTIALS)
            self.assertEqual(result.returncode, USAGE)
            self.assertIn("subdomain contains '.'", result.stdout)
            self.send(server, "user1@example.com", status=USAGE, words="client_secret contains whitespace",
                      credentials={"ONELOGIN_CLIENT_ID": CLIENT_ID, "ONELOGIN_CLIENT_SECRET": "two words"})
            result = run("curl_send_invite", "--api1", "--base-url", server.url, "user1@example.com",
                         env_key=API_KEY)
            self.assertEqual(result.returncode, USAGE)
            self.assertIn("no API credential", result.stderr)
            result = run("curl_send_invite", "--api1", "user1@example.com", env_key=None,
                         extra_env=self.CREDENTIALS)
            self.assertEqual(result.returncode, USAGE, "--api1 needs --subdomain or --base-url")
            self.assertEqual(server.requests(), [])

    def test_rate_limit_and_retry_advice(self):
        with Server(self.workdir, "--rate-limit", "2") as server:
            self.send(server, "user1@example.com", status=SENT, words="rate limit: 1 of 2 calls left")
            self.send(server, "user2@example.com", status=SENT, words="rate limit: 0 of 2 calls left")
            result = self.send(server, "user3@example.com", status=API_ERROR, words="(HTTP 429)")
            self.assertRegex(result.stdout, r"retry after 3[56]\d\d s: rate limited")
            outcomes = [r["outcome"] for r in server.requests() if "/api/1/" in r["path"]]
            self.assertEqual(outcomes, ["sent", "sent", "rate_limited"])


class ServerTests(unittest.TestCase):
    """The local server's answers to bodies no client of the library sends."""

    def post(self, url, body, path="/api/v3/invites/send_invite_link", headers=None):
        request = urllib.request.Request(url + path, data=body.encode(),
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def test_bad_bodies_get_a_json_error_envelope(self):
        with Server(tempfile.mkdtemp(prefix="onelogin-e2e-")) as server:
            status, body = self.post(server.url, "not json")
            self.assertEqual(status, 400)
            self.assertEqual(json.loads(body)["status"]["message"], "Input JSON is not valid")
            status, body = self.post(server.url, json.dumps({"api_key": API_KEY}))
            self.assertEqual(status, 400)
            self.assertEqual(json.loads(body)["status"]["message"], "Email Parameter is missing")
            status, body = self.post(server.url, json.dumps({"email": "user1@example.com"}))
            self.assertEqual(status, 400)
            self.assertIn("<code>invalid_or_missing_api_key</code>", body)

    def test_api1_answers_every_documented_error(self):
        with Server(tempfile.mkdtemp(prefix="onelogin-e2e-")) as server:
            def message(path, body, headers):
                status, answer = self.post(server.url, body, path, headers)
                return status, json.loads(answer)["status"]["message"]
            grant = json.dumps({"grant_type": "client_credentials"})
            credentials = {"Authorization": f"client_id:{CLIENT_ID}, client_secret:{CLIENT_SECRET}"}
            status, answer = self.post(server.url, grant, "/auth/oauth2/v2/token", credentials)
            self.assertEqual(status, 200)
            token = json.loads(answer)
            self.assertEqual((token["token_type"], token["expires_in"]), ("bearer", 36000))
            self.assertEqual(message("/auth/oauth2/v2/token", grant, {"Authorization": "client_id:x, client_secret:y"}),
                             (401, "Authentication Failure"))
            bearer = {"Authorization": "bearer " + token["access_token"]}
            send = "/api/1/invites/send_invite_link"
            self.assertEqual(message(send, "{}", {"Authorization": "basic x"}),
                             (400, "Authorization Information is incorrect"))
            self.assertEqual(message(send, "{}", {"Authorization": "bearer nope"}), (401, "Authentication Failure"))
            self.assertEqual(message(send, "{}", dict(bearer, **{"Content-Type": "text/plain"}))[1][:12],
                             "Content Type")
            self.assertEqual(message(send, "not json", bearer), (400, "Input JSON is not valid"))
            self.assertEqual(message(send, "{}", bearer), (400, "Email Parameter is missing"))
            self.assertEqual(message(send, '{"email":"no-at"}', bearer), (400, "Email Input is in incorrect format"))
            status, answer = self.post(server.url, '{"email":"user1@example.com"}', "/api/1/invites/get_invite_link",
                                       bearer)
            self.assertEqual(status, 200)
            self.assertTrue(json.loads(answer)["data"][0].startswith("https://"))
            status, answer = self.post(server.url, json.dumps({"api_key": API_KEY, "email": "user1@example.com"}),
                                       "/api/v3/invites/get_invite_link")
            self.assertEqual((status, json.loads(answer)["status"]["message"]), (200, "Success"))

    def stop_while_waiting(self, server, stop_signal, path, body, headers=None):
        """Sends a request the server holds, then `stop_signal`: the seconds it took to exit and
        the answer the request got."""
        answers = []
        sender = threading.Thread(target=lambda: answers.append(self.post(server.url, body, path, headers)))
        sender.start()
        time.sleep(1)  # the server has it (it logs a request only once answered)
        # Clients that hold a connection and send nothing more: an idle one, one halfway through
        # its request.
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as idle, \
                socket.create_connection(("127.0.0.1", port)) as halfway:
            halfway.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n{")
            time.sleep(0.2)
            started = time.monotonic()
            server.process.send_signal(stop_signal)
            server.process.wait(timeout=30)
            stopped_in = time.monotonic() - started
        sender.join(timeout=30)
        return stopped_in, answers

    def test_a_stop_signal_cuts_a_slow_answer_short(self):
        invite = json.dumps({"api_key": API_KEY, "email": "user1@example.com"})
        for stop_signal in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(signal=stop_signal.name), \
                    Server(tempfile.mkdtemp(prefix="onelogin-e2e-"), "--fault", "slow", "--slow-ms", "30000") as server:
                stopped_in, answers = self.stop_while_waiting(server, stop_signal, "/api/v3/invites/send_invite_link",
                                                              invite)
                self.assertLess(stopped_in, 2, "the server waited for its slow answer")
                self.assertEqual(server.process.returncode, 0)
                self.assertEqual([status for status, _ in answers], [503])
                # Nothing was performed: the log says so, and the 503 lets a client send it again.
                self.assertEqual([(r["outcome"], r["status"]) for r in server.requests()], [("stopped", 503)])

    def test_a_slow_token_answer(self):
        grant = json.dumps({"grant_type": "client_credentials"})
        credentials = {"Authorization": f"client_id:{CLIENT_ID}, client_secret:{CLIENT_SECRET}"}
        with Server(tempfile.mkdtemp(prefix="onelogin-e2e-"), "--token-slow-ms", "1500") as server:
            started = time.monotonic()
            status, _ = self.post(server.url, grant, "/auth/oauth2/v2/token", credentials)
            self.assertEqual(status, 200)
            self.assertGreaterEqual(time.monotonic() - started, 1.5)
        with Server(tempfile.mkdtemp(prefix="onelogin-e2e-"), "--token-slow-ms", "30000") as server:
            stopped_in, answers = self.stop_while_waiting(server, signal.SIGTERM, "/auth/oauth2/v2/token", grant,
                                                          credentials)
            self.assertLess(stopped_in, 2)
            self.assertEqual([status for status, _ in answers], [503])
            self.assertEqual([r["outcome"] for r in server.requests()], ["stopped"])

    def test_gateway_faults_perform_the_request_then_answer_as_a_gateway(self):
        invite = json.dumps({"api_key": API_KEY, "email": "user1@example.com"})
        with Server(tempfile.mkdtemp(prefix="onelogin-e2e-"), "--fault", "gateway502,gateway504") as server:
            first = self.post(server.url, invite)
            second = self.post(server.url, invite)
            self.assertEqual((first[0], second[0]), (502, 504))
            self.assertIn("<title>504 Gateway Time-out</title>", second[1])
            self.assertEqual([(r["fault"], r["outcome"], r["sent_to"]) for r in server.requests()],
                             [("gateway502", "sent", "user1@example.com"), ("gateway504", "sent", "user1@example.com")])

    def test_a_bad_command_line_exits_2_with_the_generated_message_and_help_lists_every_option(self):
        server = os.path.join(BIN_DIR, "onelogin_server")
        shown = subprocess.run([server, "--help"], capture_output=True, text=True, timeout=10)
        self.assertEqual(shown.returncode, 0, shown.stderr)
        for name in ["--config", "--fold-case", "--port", "--log", "--rate-limit", "--rate-window-seconds",
                     "--token-seconds", "--fault", "--token-fault", "--fault-attempts", "--fault-percent",
                     "--slow-ms", "--token-slow-ms"]:
            self.assertIn(name + " ", shown.stdout)
        config = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                              "sample_server.conf")
        for args, words in [(["--fault-percent", "101"], "--fault-percent: Value 101 not in range 0 to 100"),
                            (["--port", "65536"], "--port: Value 65536 not in range 0 to 65535"),
                            (["--fault", "drop,bogus"], "--fault: bogus not in {"),
                            (["--token-seconds", "0"], "--token-seconds: Value 0 not in range"),
                            (["--slow-ms", "-5"], "--slow-ms: Value -5 not in range"),
                            (["--no-such-option"], "not expected: --no-such-option")]:
            with self.subTest(args=args):
                # Each would listen if it were accepted: the timeout bounds the test all the same.
                bad = subprocess.run([server, "--config", config, *args], capture_output=True, text=True, timeout=10)
                self.assertEqual(bad.returncode, 2, bad.stdout)
                self.assertIn(words, bad.stderr)
                self.assertEqual(bad.stdout, "", "it listened")
        missing = subprocess.run([server, "--config", "/nonexistent/server.conf"], capture_output=True, text=True,
                                 timeout=10)
        self.assertEqual(missing.returncode, 2)
        self.assertIn("--config", missing.stderr)

    def test_addresses_match_with_their_letter_case_unless_folded(self):
        invite = json.dumps({"api_key": API_KEY, "email": "User1@Example.COM"})
        with Server(tempfile.mkdtemp(prefix="onelogin-e2e-")) as server:
            status, body = self.post(server.url, invite)
            self.assertEqual((status, json.loads(body)["status"]["message"]), (400, "No User exists for input email"))
        with Server(tempfile.mkdtemp(prefix="onelogin-e2e-"), "--fold-case") as server:
            status, body = self.post(server.url, invite)
            self.assertEqual(status, 200, body)
            self.assertEqual([r["outcome"] for r in server.requests()], ["sent"])


# bulk_invite's exit statuses, for the whole results file (examples/bulk_invite.cpp).
BULK_ALL_SENT, BULK_FATAL, BULK_USAGE, BULK_KEY_REFUSED = 0, 1, 2, 3
BULK_SOME_REFUSED, BULK_SOME_NOT_SENT, BULK_SOME_UNKNOWN, BULK_RUN_ERROR = 4, 5, 6, 7
# A results-file cell that starts with one of these (or with ') is written with one more '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class BulkTests(unittest.TestCase):
    """bulk_invite: every row ends in a recorded state, and nobody is invited twice, whatever
    happens to the run: faults, timeouts, SIGKILL, signals, a full disk, hostile CSV."""

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="onelogin-bulk-")

    def write_input(self, count=1000, name="people.csv"):
        """`count` rows: 70% known users, 20% unknown addresses, 10% invalid; a third with a
        personal address. Returns the path and the rows (the first is record 2, after the header)."""
        rows = []
        for i in range(count):
            kind = i % 10
            if kind < 7:
                email = f"user{(i // 10) * 7 + kind}@example.com"
            elif kind < 9:
                email = f"ghost{i}@example.com"
            else:
                email = f"bad address {i}"
            rows.append((email, f"home{i}@example.org" if i % 3 == 0 else ""))
        path = os.path.join(self.workdir, name)
        with open(path, "w", newline="") as out:
            out.write("email,personal_email\n")
            for email, personal in rows:
                out.write(f"{email},{personal}\n" if personal else f"{email}\n")
        return path, rows

    def command(self, server, path, *args):
        return [os.path.join(BIN_DIR, "bulk_invite"), "--base-url", server.url, "--backoff-ms", "20",
                "--no-progress", *args, path]

    def bulk(self, server, path, *args, env_key=API_KEY, limit_file_bytes=None):
        env = {**os.environ, "ONELOGIN_API_KEY": env_key}
        limit = None
        if limit_file_bytes is not None:
            import resource
            limit = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))
        return subprocess.run(self.command(server, path, *args), env=env, capture_output=True, text=True,
                              timeout=300, preexec_fn=limit)

    def records(self, path):
        with open(path + ".results.csv", newline="") as results:
            return list(csv.DictReader(results))

    def states(self, path):
        """Each row's last record, the email written back as it was read."""
        last = {}
        for record in self.records(path):
            if record["email"][:1] == "'" and record["email"][1:2] in FORMULA_STARTS:
                record["email"] = record["email"][1:]
            last[int(record["row"])] = record
        return {row: (r["state"] if r["state"] != "sending" else "unknown", r) for row, r in last.items()}

    def check_nobody_twice(self, server):
        invited = collections.Counter(r["email"] for r in server.requests() if r.get("outcome") == "sent")
        self.assertTrue(invited)
        self.assertEqual(max(invited.values()), 1, "an address was invited twice")
        return invited

    def check_final(self, server, path, rows):
        """Every row has a final state that matches what the server did."""
        states = self.states(path)
        self.assertEqual(sorted(states), list(range(2, len(rows) + 2)), "a row has no record")
        invited = self.check_nobody_twice(server)
        seen = {r.get("email") for r in server.requests()}
        for row, (email, personal) in enumerate(rows, start=2):
            state, record = states[row]
            self.assertEqual((record["email"], record["personal_email"]), (email, personal))
            if state == "sent":
                self.assertEqual(invited[email], 1, email)
                self.assertTrue(record["detail"].startswith(f'invite sent to "{personal or email}"'))
            elif state == "unknown":
                pass  # the request was out: the server may have seen it
            else:
                self.assertEqual(invited[email], 0, f"{email} was invited but recorded {state}")
            if email.startswith("bad address"):
                self.assertEqual(state, "refused")
                self.assertNotIn(email, seen, "an invalid row was sent")
        return states

    def test_a_thousand_rows_with_faults_that_answer(self):
        # A proxy's 503 pages came back: the request did nothing, so it is retried, each row until
        # it gets an answer. (The 429s, which hold the whole run for a second each, have tests of
        # their own; a 502 or 504 may come after the invite went out, and is never retried.)
        path, rows = self.write_input()
        with Server(self.workdir, "--fault", "html503", "--fault-attempts", "2",
                    "--fault-percent", "30") as server:
            result = self.bulk(server, path, "--concurrency", "16")
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
            states = self.check_final(server, path, rows)
            self.assertEqual(collections.Counter(s for s, _ in states.values()), {"sent": 700, "refused": 300})
            self.assertGreater(sum(1 for r in server.requests() if "fault" in r), 100, "no faults injected")
            self.assertIn("rows: 700 sent, 300 refused, 0 not sent yet, 0 unknown, 0 duplicate", result.stdout)

    def test_a_429_holds_every_request_for_its_retry_after(self):
        # Each address's first request is refused with "Retry-After: 1". One at a time, so that
        # no request is on its way when a 429 comes back: the next one, whichever address it is
        # for, must come at least that second later (less the time the 429 took to come back).
        path, rows = self.write_input(2)
        with Server(self.workdir, "--fault", "429", "--fault-attempts", "1") as server:
            result = self.bulk(server, path, "--concurrency", "1")
            self.assertEqual(result.returncode, BULK_ALL_SENT, result.stdout + result.stderr)
            self.check_final(server, path, rows)
            requests = server.requests()
            self.assertEqual(sorted(r["status"] for r in requests), [200, 200, 429, 429])
            for refused, after in zip(requests, requests[1:]):
                if refused["status"] == 429:
                    self.assertGreaterEqual(after["ms"] - refused["ms"], 950,
                                            "a request came within a second of a 429")

    def test_timeouts_never_invite_twice(self):
        # The server answers 30% of the addresses 1.5 s late, after inviting them; the client gives
        # up after 1 s. Those rows are unknown: not sent again, by this run or by --resume.
        path, rows = self.write_input(200)
        with Server(self.workdir, "--fault", "slow", "--slow-ms", "1500", "--fault-percent", "30",
                    "--fault-attempts", "1") as server:
            result = self.bulk(server, path, "--timeout", "1")
            self.assertEqual(result.returncode, BULK_SOME_UNKNOWN, result.stdout + result.stderr)
            time.sleep(1.0)  # the server logs a slow request when it answers, 0.5 s after the timeout
            states = self.check_final(server, path, rows)
            slow = {r["email"] for r in server.requests() if r.get("fault") == "slow"}
            unknown = {states[row][1]["email"] for row in states if states[row][0] == "unknown"}
            self.assertTrue(slow)
            self.assertEqual(unknown, slow, "unknown rows are exactly the ones that timed out")
            before = len(server.requests())
            resumed = self.bulk(server, path, "--resume")
            self.assertEqual(resumed.returncode, BULK_SOME_UNKNOWN, resumed.stdout)
            self.assertEqual(len(server.requests()), before, "--resume sent an unknown row again")
            self.check_nobody_twice(server)

    def test_sigkill_at_random_moments_loses_nothing_and_repeats_nothing(self):
        path, rows = self.write_input(300)
        rng = random.Random(1234)
        kills = 0
        with Server(self.workdir, "--fault", "slow,drop,html502", "--fault-percent", "30",
                    "--fault-attempts", "1", "--slow-ms", "300") as server:
            env = {**os.environ, "ONELOGIN_API_KEY": API_KEY}
            args = ["--concurrency", "8"]
            for _ in range(5):
                process = subprocess.Popen(self.command(server, path, *args), env=env,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(rng.uniform(0.05, 0.6))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    kills += 1
                process.wait(timeout=60)
                args = ["--concurrency", "8", "--resume"]
            for _ in range(10):  # finish: each run sends what is safe to send
                result = self.bulk(server, path, *args)
                if result.returncode != BULK_SOME_NOT_SENT:
                    break
            self.assertIn(result.returncode, (BULK_SOME_REFUSED, BULK_SOME_UNKNOWN), result.stdout)
            states = self.check_final(server, path, rows)
            seen = collections.Counter(r.get("email") for r in server.requests())
            for row, (state, record) in states.items():
                self.assertNotIn(state, ("not_sent", "none"))
            unknown = [r["email"] for s, r in states.values() if s == "unknown"]
            print(f"\nkill test: {len(rows)} rows, {kills} SIGKILLs, {len(unknown)} unknown "
                  f"({sum(1 for e in unknown if seen[e])} of them seen by the server), "
                  f"{sum(1 for s, _ in states.values() if s == 'sent')} sent, 0 lost, 0 invited twice",
                  file=sys.stderr)
            self.assertGreater(kills, 0)

    def test_a_full_disk_stops_the_run_and_resume_finishes_it(self):
        path, rows = self.write_input(300)
        with Server(self.workdir) as server:
            full = self.bulk(server, path, "--concurrency", "4", limit_file_bytes=8192)
            self.assertEqual(full.returncode, BULK_FATAL, full.stdout + full.stderr)
            self.assertIn("cannot write the results file", full.stderr)
            self.assertLessEqual(os.path.getsize(path + ".results.csv"), 8192)
            # The rows whose request was out when the disk filled are unknown; the rest finish.
            resumed = self.bulk(server, path, "--resume")
            self.assertIn(resumed.returncode, (BULK_SOME_REFUSED, BULK_SOME_UNKNOWN), resumed.stdout + resumed.stderr)
            states = self.check_final(server, path, rows)
            self.assertFalse({s for s, _ in states.values()} & {"not_sent", "none"})

    def test_signals_stop_in_order_and_resume_continues(self):
        for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with self.subTest(signal=stop.name):
                path, rows = self.write_input(1000, name=f"people-{stop.name}.csv")
                with Server(self.workdir, "--fault", "slow", "--slow-ms", "50") as server:
                    first = subprocess.Popen(self.command(server, path, "--concurrency", "4"),
                                             env={**os.environ, "ONELOGIN_API_KEY": API_KEY},
                                             stdout=subprocess.PIPE, text=True)
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline and (
                            not os.path.exists(path + ".results.csv") or len(self.records(path)) < 100):
                        time.sleep(0.05)
                    first.send_signal(stop)
                    output, _ = first.communicate(timeout=60)
                    self.assertEqual(first.returncode, BULK_SOME_NOT_SENT, output)
                    self.assertIn("stopped by a signal: run again with --resume", output)
                    states = self.states(path)
                    self.assertNotIn("unknown", {s for s, _ in states.values()}, "a request in flight was abandoned")
                    self.assertLess(len(states), 1000, "the run finished before it was stopped")

                    again = self.bulk(server, path)
                    self.assertEqual(again.returncode, BULK_USAGE, "a second run must not start over a results file")
                    resumed = self.bulk(server, path, "--resume", "--concurrency", "16")
                    self.assertEqual(resumed.returncode, BULK_SOME_REFUSED, resumed.stdout + resumed.stderr)
                    self.check_final(server, path, rows)

    def test_rows_that_run_out_of_tries_are_sent_by_resume(self):
        path, rows = self.write_input(20)
        with Server(self.workdir, "--fault", "html503,429", "--fault-attempts", "3") as server:
            result = self.bulk(server, path, "--max-attempts", "3")
            self.assertEqual(result.returncode, BULK_SOME_NOT_SENT, result.stdout)
            attempts = collections.Counter(r["email"] for r in server.requests())
            self.assertEqual(set(attempts.values()), {3})
            self.assertEqual(len(attempts), 18)  # the two invalid rows are never sent
            resumed = self.bulk(server, path, "--resume")
            self.assertEqual(resumed.returncode, BULK_SOME_REFUSED, resumed.stdout)
            self.check_final(server, path, rows)

    def test_a_refused_api_key_stops_the_run_and_resume_finishes_it(self):
        path, rows = self.write_input(200)
        with Server(self.workdir) as server:
            result = self.bulk(server, path, "--concurrency", "4", env_key="wrong-key-99999999")
            self.assertEqual(result.returncode, BULK_KEY_REFUSED, result.stdout)
            self.assertIn("stopped: the API key was refused", result.stdout)
            self.assertLessEqual(len(server.requests()), 4 + 1)
            resumed = self.bulk(server, path, "--resume")
            self.assertEqual(resumed.returncode, BULK_SOME_REFUSED, resumed.stdout)
            self.check_final(server, path, rows)

    def test_bad_options_are_refused(self):
        path, _ = self.write_input(5)
        for args in (["--concurrency", "0"], ["--concurrency", "-1"], ["--concurrency", "abc"],
                     ["--max-attempts", "0"], ["--timeout", "x"], ["--resend-unknown"],
                     ["--delimiter", "|"], ["--no-header", "--email-column", "Mail"], ["--subdomain", "acme"],
                     ["--api1"], ["--unknown-option"]):
            with self.subTest(args=args):
                result = run("bulk_invite", *args, path)
                self.assertEqual(result.returncode, BULK_USAGE, result.stderr)
                self.assertIn("Run bulk_invite --help for the options.", result.stderr)
        self.assertIn("--concurrency: Value 0 not in range 1 to 64",
                      run("bulk_invite", "--concurrency", "0", path).stderr)
        shown = run("bulk_invite", "--help")
        self.assertEqual(shown.returncode, BULK_ALL_SENT)
        for option in ("--results", "--report", "--resume", "--resend-unknown", "--links", "--base-url",
                       "--api-key-file", "--api1", "--subdomain", "--client-secret-file", "--concurrency",
                       "--max-attempts", "--backoff-ms", "--timeout", "--email-column", "--personal-email-column",
                       "--no-header", "--delimiter", "--no-progress", "Exit status", "duplicate", "unknown"):
            self.assertIn(option, shown.stdout)

    def api1_env(self, **more):
        return {**os.environ, "ONELOGIN_CLIENT_ID": CLIENT_ID, "ONELOGIN_CLIENT_SECRET": CLIENT_SECRET, **more}

    def test_api1_paced_by_the_rate_limit(self):
        # 3x the limit: the run must wait out two windows, and never meet a 429.
        limit, window, count = 20, 3, 60
        path = os.path.join(self.workdir, "paced.csv")
        with open(path, "w") as out:
            out.write("email\n" + "".join(f"user{i}@example.com\n" for i in range(count)))
        with Server(self.workdir, "--rate-limit", str(limit), "--rate-window-seconds", str(window)) as server:
            started = time.monotonic()
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                     "--no-progress", path], env=self.api1_env(), capture_output=True, text=True,
                                    timeout=120)
            elapsed = time.monotonic() - started
            self.assertEqual(result.returncode, BULK_ALL_SENT, result.stdout + result.stderr)
            statuses = collections.Counter(r.get("status") for r in server.requests() if "email" in r)
            self.assertEqual(statuses, {200: count}, "a request met the rate limit")
            floor = (-(-count // limit) - 1) * window
            print(f"\npacing test: {count} rows, limit {limit} per {window} s: {elapsed:.2f} s "
                  f"against a floor of {floor} s ({elapsed / floor:.2f}x), 0 responses 429", file=sys.stderr)
            self.assertLessEqual(elapsed, 1.1 * floor)
            self.check_nobody_twice(server)

    def test_api1_renews_a_refused_token_once(self):
        path, rows = self.write_input(50)
        with Server(self.workdir) as server:
            env = self.api1_env(ONELOGIN_ACCESS_TOKEN="stale-token-000")
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                     "--no-progress", "--concurrency", "4", path], env=env,
                                    capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
            tokens = [r for r in server.requests() if r.get("path") == "/auth/oauth2/v2/token"]
            self.assertEqual(len(tokens), 1, "the token was renewed more than once")
            self.check_final(server, path, rows)
            # Credentials that are refused stop the run.
            os.remove(path + ".results.csv")
            refused = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                      "--no-progress", path],
                                     env={**self.api1_env(), "ONELOGIN_CLIENT_SECRET": "wrong-secret-1"},
                                     capture_output=True, text=True, timeout=120)
            self.assertEqual(refused.returncode, BULK_KEY_REFUSED, refused.stdout + refused.stderr)
            self.assertIn("client credentials refused", refused.stdout)

    def test_api1_reads_the_rate_limit_first_and_revokes_its_token(self):
        # An earlier run spent the window's calls: the next run learns it from Get Rate Limit
        # before its first request and waits for the window, meeting no 429. Each run revokes the
        # token it obtained when it finishes; a token it was handed is the caller's to keep.
        first = os.path.join(self.workdir, "first.csv")
        second = os.path.join(self.workdir, "second.csv")
        with open(first, "w") as out:
            out.write("email\n" + "".join(f"user{i}@example.com\n" for i in range(10)))
        with open(second, "w") as out:
            out.write("email\n" + "".join(f"user{i}@example.com\n" for i in range(10, 15)))
        with Server(self.workdir, "--rate-limit", "10", "--rate-window-seconds", "3") as server:
            for path in (first, second):
                result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                         "--no-progress", path], env=self.api1_env(), capture_output=True,
                                        text=True, timeout=120)
                self.assertEqual(result.returncode, BULK_ALL_SENT, result.stdout + result.stderr)
            requests = server.requests()
            invites = [r for r in requests if r.get("path") == "/api/1/invites/send_invite_link"]
            self.assertEqual([r["status"] for r in invites], [200] * 15, "a request met the rate limit")
            paths = [r.get("path") for r in requests]
            self.assertEqual(paths.count("/auth/rate_limit"), 2)
            second_status = [i for i, p in enumerate(paths) if p == "/auth/rate_limit"][1]
            self.assertEqual(requests[second_status]["rate_limit_remaining"], 0)
            self.assertEqual(paths[second_status + 1], "/api/1/invites/send_invite_link")
            self.assertGreaterEqual(requests[second_status + 1]["ms"] - requests[second_status]["ms"], 900,
                                    "the run did not wait for the window it was told was spent")
            revoked = [r for r in requests if r.get("path") == "/auth/oauth2/revoke"]
            self.assertEqual([r["outcome"] for r in revoked], ["revoked", "revoked"])
            self.assertEqual(paths[-1], "/auth/oauth2/revoke")
            # A token handed in ONELOGIN_ACCESS_TOKEN is used and kept.
            token_request = urllib.request.Request(
                server.url + "/auth/oauth2/v2/token", data=b'{"grant_type":"client_credentials"}', method="POST",
                headers={"Content-Type": "application/json",
                         "Authorization": f"client_id:{CLIENT_ID}, client_secret:{CLIENT_SECRET}"})
            with urllib.request.urlopen(token_request, timeout=10) as answer:
                handed = json.loads(answer.read())["access_token"]
            third = os.path.join(self.workdir, "third.csv")
            with open(third, "w") as out:
                out.write("email\nuser20@example.com\n")
            before = len(server.requests())
            env = {**os.environ, "ONELOGIN_ACCESS_TOKEN": handed}
            env.pop("ONELOGIN_CLIENT_ID", None)
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                     "--no-progress", third], env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_ALL_SENT, result.stdout + result.stderr)
            later = [r.get("path") for r in server.requests()[before:]]
            self.assertNotIn("/auth/oauth2/revoke", later)
            self.assertNotIn("/auth/oauth2/v2/token", later)

    def test_api1_renews_a_token_before_it_expires(self):
        # Tokens that last 62 s are renewed after 2 s (a minute before they expire): a run of about
        # 4 s needs a second token and never sends an expired one.
        path = os.path.join(self.workdir, "slow.csv")
        with open(path, "w") as out:
            out.write("email\n" + "".join(f"user{i}@example.com\n" for i in range(20)))
        with Server(self.workdir, "--token-seconds", "62", "--fault", "slow", "--slow-ms", "200") as server:
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                     "--no-progress", "--concurrency", "1", path], env=self.api1_env(),
                                    capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_ALL_SENT, result.stdout + result.stderr)
            received = server.requests()
            tokens = [r for r in received if r.get("path") == "/auth/oauth2/v2/token"]
            self.assertGreaterEqual(len(tokens), 2, "the token was not renewed before it expired")
            self.assertFalse([r for r in received if r.get("status") == 401], "an expired token was sent")

    def test_links_go_to_a_file_only_its_owner_reads(self):
        path, rows = self.write_input(30)
        with Server(self.workdir) as server:
            result = self.bulk(server, path, "--links")
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
            self.assertEqual(os.stat(path + ".results.csv").st_mode & 0o777, 0o600)
            links = {r["email"]: r["detail"] for s, r in self.states(path).values() if s == "sent"}
            self.assertEqual(len(links), 21)
            self.assertTrue(all(link.startswith("https://onelogin.example/password/reset?token=")
                                for link in links.values()))
            self.assertEqual({r.get("outcome") for r in server.requests()} - {"no_such_user"}, {"link"})
            self.assertNotIn("token=", result.stdout + result.stderr, "a link was printed")

    def test_a_loopback_run_never_goes_through_a_proxy(self):
        # A proxy from the environment would see the API key in clear text over http://.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        path, rows = self.write_input(20)
        with Server(self.workdir) as server:
            result = subprocess.run(self.command(server, path), capture_output=True, text=True, timeout=120,
                                    env={**os.environ, "ONELOGIN_API_KEY": API_KEY,
                                         "http_proxy": f"http://127.0.0.1:{port}",
                                         "HTTP_PROXY": f"http://127.0.0.1:{port}", "ALL_PROXY": f"http://127.0.0.1:{port}"})
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
            self.check_final(server, path, rows)

    def test_a_results_file_it_cannot_trust_is_refused(self):
        # A device, a symbolic link, or a file others can read (mode 0666, left at the default path
        # by another user): a new run does not write into it, and --resume refuses it.
        path, _ = self.write_input(5)
        with Server(self.workdir) as server:
            result = self.bulk(server, path, "--results", "/dev/full")
            self.assertEqual(result.returncode, BULK_USAGE, result.stdout + result.stderr)
            resumed = self.bulk(server, path, "--results", "/dev/full", "--resume")
            self.assertEqual(resumed.returncode, BULK_FATAL, resumed.stdout + resumed.stderr)
            link = os.path.join(self.workdir, "link.csv")
            os.symlink(os.path.join(self.workdir, "elsewhere.csv"), link)
            linked = self.bulk(server, path, "--results", link)
            self.assertEqual(linked.returncode, BULK_USAGE, linked.stdout + linked.stderr)
            self.assertFalse(os.path.exists(os.path.join(self.workdir, "elsewhere.csv")), "followed a link")
            results = path + ".results.csv"
            with open(results, "w") as planted:
                planted.write("row,email,personal_email,state,outcome,detail\n")
            os.chmod(results, 0o666)
            planted_run = self.bulk(server, path)
            self.assertEqual(planted_run.returncode, BULK_USAGE, planted_run.stdout + planted_run.stderr)
            open_resume = self.bulk(server, path, "--resume")
            self.assertEqual(open_resume.returncode, BULK_FATAL, open_resume.stdout + open_resume.stderr)
            self.assertIn(results, open_resume.stderr)
            self.assertEqual(os.stat(results).st_mode & 0o777, 0o666, "the file was changed")
            self.assertEqual(server.requests(), [], "a request went out without a trusted results file")

    def test_hostile_csv(self):
        path = os.path.join(self.workdir, "hostile.csv")
        with open(path, "wb") as out:
            out.write("\ufeffName,Email Address,Personal Email\r\n".encode())
            out.write(b'"Smith, Ann",user1@example.com,\r\n')
            out.write(b'"Two\nLines",user2@example.com,"home\n@example.org"\r\n')
            out.write(b"Again,user1@example.com,\r\n")
            out.write(b"Nul,user3\x00@example.com,\r\n")
            out.write(b"Formula,=HYPERLINK(1)@example.com,\r\n")
            out.write(b"Quote,\"user4\"\"@example.com\",\r\n")
        with Server(self.workdir) as server:
            result = self.bulk(server, path)
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
            self.assertIn("ignoring 1 other columns", result.stdout)
            states = self.states(path)
            outcome = {row: (state, record["outcome"]) for row, (state, record) in states.items()}
            self.assertEqual(outcome[2], ("sent", "sent"))             # the BOM is not in the address
            self.assertEqual(outcome[3], ("refused", "invalid_request"))  # a newline in an address
            self.assertEqual(outcome[4], ("duplicate", "duplicate"))
            self.assertEqual(outcome[5], ("refused", "invalid_request"))  # a NUL byte
            self.assertEqual(states[5][1]["email"], "user3\x00@example.com")  # kept byte for byte
            self.assertEqual(states[3][1]["personal_email"], "home\n@example.org")
            self.assertEqual(outcome[6], ("refused", "no_such_user"))
            self.assertEqual(states[7][1]["email"], 'user4"@example.com')
            with open(path + ".results.csv", "rb") as written:
                text = written.read()
            self.assertIn(b"\"'=HYPERLINK(1)@example.com\"", text, "a formula cell is not neutralised")
            self.assertEqual(os.stat(path + ".results.csv").st_mode & 0o777, 0o600)
            self.check_nobody_twice(server)

    # -- One run per results file, and a journal that is never cut --------------------------------

    def wait_for_records(self, path, count, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if os.path.exists(path + ".results.csv") and len(self.records(path)) >= count:
                return
            time.sleep(0.02)
        self.fail(f"the run did not write {count} records in {seconds} s")

    def test_overlapping_runs_never_invite_twice(self):
        # An administrator who thinks the run hung starts --resume while it still goes, and a cron
        # job starts a third: the first holds the results file; the others stop at once, send
        # nothing and say which process holds it.
        path, rows = self.write_input(400)
        env = {**os.environ, "ONELOGIN_API_KEY": API_KEY}
        with Server(self.workdir, "--fault", "slow", "--slow-ms", "20") as server:
            first = subprocess.Popen(self.command(server, path, "--concurrency", "4"), env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            self.wait_for_records(path, 40)
            second = self.bulk(server, path, "--resume")
            third = self.bulk(server, path, "--resume", "--resend-unknown")
            output, errors = first.communicate(timeout=120)
            self.assertEqual(first.returncode, BULK_SOME_REFUSED, output + errors)
            for late in (second, third):
                self.assertEqual(late.returncode, BULK_USAGE, late.stdout + late.stderr)
                self.assertIn(f"process {first.pid}", late.stderr)
            self.check_final(server, path, rows)
            before = len(server.requests())
            again = self.bulk(server, path, "--resume")
            self.assertEqual(again.returncode, BULK_SOME_REFUSED, again.stdout + again.stderr)
            self.assertEqual(len(server.requests()), before, "a finished run sent again")
            invited = self.check_nobody_twice(server)
            print(f"\noverlap test: {len(rows)} rows, 3 runs at once: {sum(invited.values())} invites "
                  f"for {len(invited)} people, {sum(1 for n in invited.values() if n > 1)} invited twice",
                  file=sys.stderr)

    def test_runs_started_in_the_same_moment_never_invite_twice(self):
        # Two new runs, or two --resume runs, on one results file, started together: exactly one
        # proceeds; the file keeps one header, and a later --resume works.
        env = {**os.environ, "ONELOGIN_API_KEY": API_KEY}
        tries = 40
        with Server(self.workdir) as server:
            for attempt in range(tries):
                path = os.path.join(self.workdir, f"together-{attempt}.csv")
                with open(path, "w") as out:
                    out.write("email\n" + "".join(f"user{attempt * 3 + i}@example.com\n" for i in range(3)))
                for args in ([], ["--resume"]):
                    runs = [subprocess.Popen(self.command(server, path, *args), env=env,
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                            for _ in range(2)]
                    codes = sorted(run.wait(timeout=60) for run in runs)
                    for run in runs:
                        run.stdout.close()
                        run.stderr.close()
                    if not args:
                        self.assertEqual(codes, [BULK_ALL_SENT, BULK_USAGE], f"try {attempt}")
                    else:  # the file is done: both see that, or one waits out the other's lock
                        self.assertIn(codes, ([BULK_ALL_SENT, BULK_ALL_SENT], [BULK_ALL_SENT, BULK_USAGE]))
                with open(path + ".results.csv") as results:
                    self.assertEqual(results.read().count("row,email"), 1, "two headers")
            invited = self.check_nobody_twice(server)
            self.assertEqual(len(invited), tries * 3)
            print(f"\nsame-moment test: {tries} tries of two new runs and two resumes: {sum(invited.values())} "
                  f"invites for {len(invited)} people, 0 invited twice", file=sys.stderr)

    def test_a_gateway_that_acted_then_answered_502_or_504_is_never_sent_again(self):
        # A load balancer answers 502 or 504 after OneLogin sent the invite: those rows are unknown,
        # not sent again by this run or by --resume, beside the kill test's other faults.
        path, rows = self.write_input(150)
        with Server(self.workdir, "--fault", "gateway502,gateway504,drop,html503", "--fault-percent", "30",
                    "--fault-attempts", "1") as server:
            result = self.bulk(server, path, "--concurrency", "8")
            self.assertEqual(result.returncode, BULK_SOME_UNKNOWN, result.stdout + result.stderr)
            states = self.check_final(server, path, rows)
            gateway = {r["email"] for r in server.requests() if r.get("fault", "").startswith("gateway")}
            self.assertTrue(gateway, "no gateway fault injected")
            for state, record in states.values():
                if record["email"] in gateway:
                    self.assertEqual(state, "unknown", record)
            resumed = self.bulk(server, path, "--resume")
            self.assertEqual(resumed.returncode, BULK_SOME_UNKNOWN, resumed.stdout)
            invited = self.check_nobody_twice(server)
            print(f"\ngateway test: {len(rows)} rows, {len(gateway)} answered 502/504 after acting: "
                  f"{sum(invited.values())} invites for {len(invited)} people, 0 invited twice", file=sys.stderr)

    def test_every_request_leaves_after_its_intent_is_synced(self):
        # From the system calls: each invite request is written to its socket only after an
        # fdatasync of the results file that followed the write of its `sending` record.
        import re
        path, rows = self.write_input(60)
        trace = os.path.join(self.workdir, "trace.txt")
        with Server(self.workdir) as server:
            result = subprocess.run(
                ["strace", "-f", "-qq", "-s", "65536", "-o", trace,
                 "-e", "trace=openat,write,writev,sendto,sendmsg,fsync,fdatasync",
                 *self.command(server, path, "--concurrency", "8")],
                # LeakSanitizer cannot run under a tracer; the other sanitizers still do.
                env={**os.environ, "ONELOGIN_API_KEY": API_KEY,
                     "ASAN_OPTIONS": ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "detect_leaks=0"]))},
                capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
        journal_fd, written, synced, checked = None, set(), set(), 0
        with open(trace) as lines:
            for line in lines:
                opened = re.search(r'openat\(.*results\.csv".*\) = (\d+)$', line)
                if opened:
                    journal_fd = opened.group(1)
                    continue
                if journal_fd and re.search(rf"\b(write|writev)\({journal_fd}, ", line):
                    written.update(re.findall(r'\d+,\\"([^,"\\]+@[^,"\\]+)\\",[^\n]*?,sending,', line))
                elif journal_fd and re.search(rf"\bf(data)?sync\({journal_fd}\) += 0", line):
                    synced |= written
                elif "POST /api/" in line:
                    for email in re.findall(r'\\"email\\":\\"([^\\"]+)\\"', line):
                        self.assertIn(email, synced, f"the request for {email} left before its intent was synced")
                        checked += 1
        self.assertEqual(checked, sum(1 for e, _ in rows if not e.startswith("bad address")))
        print(f"\ndurability test: {checked} requests, each after a sync that covered its intent", file=sys.stderr)

    def test_a_results_file_damaged_mid_file_stops_resume_before_anything_is_sent(self):
        path, rows = self.write_input(200)
        results = path + ".results.csv"
        with Server(self.workdir) as server:
            first = self.bulk(server, path)
            self.assertEqual(first.returncode, BULK_SOME_REFUSED, first.stdout + first.stderr)
            with open(results, "rb") as written:
                original = written.read()
            lines = original.split(b"\n")
            quoted = b"\n".join(lines[:41] + [lines[41][:4] + b'"' + lines[41][4:]] + lines[42:])
            middle = len(original) // 2
            zeroed = original[:middle] + b"\0" * 4096 + original[middle + 4096:]
            for name, damaged, line in (("a stray quote", quoted, "line 42"), ("a zeroed block", zeroed, "line ")):
                with self.subTest(damage=name):
                    with open(results, "wb") as out:
                        out.write(damaged)
                    before = len(server.requests())
                    resumed = self.bulk(server, path, "--resume")
                    self.assertEqual(resumed.returncode, BULK_FATAL, resumed.stdout + resumed.stderr)
                    self.assertIn(line, resumed.stderr)
                    self.assertEqual(len(server.requests()), before, "a damaged file let requests out")
                    with open(results, "rb") as kept:
                        self.assertEqual(kept.read(), damaged, "the damaged file was changed")
            # A half-written last record (a run killed mid-write) is the one thing cut off.
            with open(results, "wb") as out:
                out.write(original + b"7,user5@exa")
            resumed = self.bulk(server, path, "--resume")
            self.assertEqual(resumed.returncode, BULK_SOME_REFUSED, resumed.stdout + resumed.stderr)
            with open(results, "rb") as kept:
                self.assertEqual(kept.read(), original)
            self.check_final(server, path, rows)

    # -- Spreadsheets and people ---------------------------------------------------------------------

    def write_bytes(self, name, data):
        path = os.path.join(self.workdir, name)
        with open(path, "wb") as out:
            out.write(data)
        return path

    def test_one_address_in_three_letter_cases(self):
        # OneLogin matches the spelling: each is sent, the matching one is invited once, and the
        # three rows are named together in the summary and the report.
        path = self.write_bytes("cases.csv", b"email\nUser5@Example.com\nuser5@example.com\nUSER5@EXAMPLE.COM\n"
                                             b"user6@example.com\nuser6@example.com\n")
        with Server(self.workdir) as server:
            result = self.bulk(server, path)
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
            sent = [r["email"] for r in server.requests()]
            self.assertEqual(sorted(sent), sorted(["User5@Example.com", "user5@example.com", "USER5@EXAMPLE.COM",
                                                   "user6@example.com"]))
            self.assertEqual(self.check_nobody_twice(server), {"user5@example.com": 1, "user6@example.com": 1})
            self.assertIn("one address in different letter cases: rows 2, 3, 4", result.stdout)
            with open(path + ".report.csv", newline="") as report:
                report_rows = {int(r["row"]): r for r in csv.DictReader(report)}
            self.assertEqual({row: r["state"] for row, r in report_rows.items()},
                             {2: "refused", 3: "sent", 4: "refused", 5: "sent", 6: "duplicate"})
            for row in (2, 3, 4):
                self.assertIn("2, 3, 4", report_rows[row]["note"])

    def test_spreadsheet_exports(self):
        exports = {
            "semicolon.csv": b"Name;Email;Dept\r\nAda;user11@example.com;Ops\r\nBo;user12@example.com;HR\r\n",
            "tab.tsv": b"Name\tEmail Address\tPersonal Email\nAda\tuser13@example.com\thome@example.org\n",
            "quote.csv": b"email\n'user14@example.com\n",
        }
        with Server(self.workdir) as server:
            for name, data in exports.items():
                with self.subTest(export=name):
                    path = self.write_bytes(name, data)
                    result = self.bulk(server, path)
                    self.assertIn(result.returncode, (BULK_ALL_SENT, BULK_SOME_REFUSED), result.stdout + result.stderr)
                    resumed = self.bulk(server, path, "--resume")  # every byte string survives the file
                    self.assertEqual(resumed.returncode, result.returncode, resumed.stdout + resumed.stderr)
            received = {(r["email"], r["personal_email"]) for r in server.requests()}
            self.assertEqual(received, {("user11@example.com", ""), ("user12@example.com", ""),
                                        ("user13@example.com", "home@example.org"), ("'user14@example.com", "")})
            self.assertEqual(self.states(os.path.join(self.workdir, "quote.csv"))[2][1]["email"], "'user14@example.com")
            # Given by hand, the delimiter wins over what the header suggests.
            path = self.write_bytes("given.csv", b"email;personal\nuser15@example.com;x@example.org\n")
            given = self.bulk(server, path, "--delimiter", ",")
            self.assertEqual(given.returncode, BULK_USAGE, given.stdout + given.stderr)

    def test_a_header_it_does_not_know_stops_before_anything_is_sent(self):
        # "Work Email,Manager Email" must not become a data row whose second column is the
        # personal address: the invites would go to the managers.
        path = self.write_bytes("unknown.csv", b"Work Email,Manager Email\nuser1@example.com,user2@example.com\n")
        with Server(self.workdir) as server:
            result = self.bulk(server, path)
            self.assertEqual(result.returncode, BULK_USAGE, result.stdout + result.stderr)
            self.assertIn("Work Email", result.stderr)
            self.assertEqual(server.requests(), [])
            named = self.bulk(server, path, "--email-column", "Work Email")
            self.assertEqual(named.returncode, BULK_ALL_SENT, named.stdout + named.stderr)
            self.assertEqual([(r["email"], r["personal_email"]) for r in server.requests()],
                             [("user1@example.com", "")])
            unknown_column = self.bulk(server, path, "--email-column", "Mail", "--results",
                                       os.path.join(self.workdir, "other.csv"))
            self.assertEqual(unknown_column.returncode, BULK_USAGE)

    def test_people_files_that_are_not_files_of_people(self):
        empty = self.write_bytes("empty.csv", b"")
        with Server(self.workdir) as server:
            for path in (self.workdir, empty, os.path.join(self.workdir, "missing.csv")):
                with self.subTest(path=path):
                    result = self.bulk(server, path)
                    self.assertEqual(result.returncode, BULK_FATAL, result.stdout + result.stderr)
            self.assertEqual(server.requests(), [])

    # -- Secrets and errors of the run -------------------------------------------------------------

    def test_a_server_that_echoes_the_request_gets_no_key_into_any_file_or_output(self):
        # A key with a quote and a backslash is echoed escaped (once by the request's JSON, twice
        # when the echo quotes that JSON in its own): no form of it may come back out.
        for number, key in enumerate((API_KEY, 'test\\key"0123456789')):
            with self.subTest(key=key), Server(self.workdir, "--fault", "echo") as server:
                path, rows = self.write_input(20, name=f"echo-{number}.csv")
                result = self.bulk(server, path, env_key=key)
                self.assertTrue([r for r in server.requests() if r.get("fault") == "echo"], "nothing was echoed")
                core = key[-10:]  # the part no escaping changes
                self.assertNotIn(core, result.stdout + result.stderr)
                for written in (path + ".results.csv", path + ".report.csv"):
                    with open(written) as text:
                        self.assertNotIn(core, text.read(), written)

    def test_a_capitalised_scheme_never_goes_through_a_proxy(self):
        # HTTP://127.0.0.1 is http:// to loopback: no proxy from the environment may see the key.
        accepted = []
        with raw_listener(lambda connection: accepted.append(connection.recv(65536))) as proxy_url:
            path, rows = self.write_input(20)
            with Server(self.workdir) as server:
                command = self.command(server, path)
                command[command.index("--base-url") + 1] = server.url.replace("http://", "HTTP://")
                result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                        env={**os.environ, "ONELOGIN_API_KEY": API_KEY, "http_proxy": proxy_url,
                                             "HTTP_PROXY": proxy_url, "ALL_PROXY": proxy_url})
                self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
                self.check_final(server, path, rows)
        self.assertEqual(accepted, [], "the proxy was sent a request")

    def test_a_malformed_key_or_base_url_marks_no_row(self):
        path, rows = self.write_input(20)
        with Server(self.workdir) as server:
            for args, key in (([], "has a space 1234"), (["--base-url", "ftp://127.0.0.1:1"], API_KEY)):
                with self.subTest(args=args):
                    command = self.command(server, path, *args)
                    result = subprocess.run(command, capture_output=True, text=True, timeout=60,
                                            env={**os.environ, "ONELOGIN_API_KEY": key})
                    self.assertEqual(result.returncode, BULK_RUN_ERROR, result.stdout + result.stderr)
                    self.assertFalse(os.path.exists(path + ".results.csv") and self.states(path),
                                     "a row was marked for an error of the run")
            self.assertEqual(server.requests(), [])
            fixed = self.bulk(server, path)
            self.assertEqual(fixed.returncode, BULK_SOME_REFUSED, fixed.stdout + fixed.stderr)
            self.check_final(server, path, rows)

    def test_api1_a_slow_token_endpoint_is_not_refused_credentials_and_stalls_nothing(self):
        # Renewals that take 1.8 s while requests are out: the requests' answers (1 s) are read as
        # they come, so none runs into its 2 s timeout; and a token endpoint slower than --timeout
        # stops the run as a run error with no row marked, not as refused credentials.
        path = os.path.join(self.workdir, "renew.csv")
        with open(path, "w") as out:
            out.write("email\n" + "".join(f"user{i}@example.com\n" for i in range(40)))
        with Server(self.workdir, "--token-seconds", "62", "--token-slow-ms", "1800", "--fault", "slow",
                    "--slow-ms", "1000") as server:
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                     "--no-progress", "--concurrency", "4", "--timeout", "2", path],
                                    env=self.api1_env(), capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_ALL_SENT, result.stdout + result.stderr)
            tokens = [r for r in server.requests() if r.get("path") == "/auth/oauth2/v2/token"]
            self.assertGreaterEqual(len(tokens), 2, "the token was never renewed during the run")
        path2 = os.path.join(self.workdir, "slow-token.csv")
        with open(path2, "w") as out:
            out.write("email\nuser1@example.com\nuser2@example.com\n")
        with Server(self.workdir, "--token-slow-ms", "2500") as server:
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                     "--no-progress", "--timeout", "1", path2],
                                    env=self.api1_env(), capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_RUN_ERROR, result.stdout + result.stderr)
            self.assertNotIn("was refused", result.stdout)
            self.assertIn("rows: 0 sent, 0 refused, 2 not sent yet, 0 unknown", result.stdout)
            self.assertFalse([r for r in server.requests() if r.get("path", "").startswith("/api/1/")])
            with open(path2 + ".results.csv") as results:
                self.assertEqual(results.read().count("\n"), 1, "a row was marked")

class BulkAttackTests(unittest.TestCase):
    """bulk_invite against what an administrator in a hurry types and what a hostile server sends;
    harm is counted from the server's log and the files on the disk."""

    setUp = BulkTests.setUp
    write_input = BulkTests.write_input
    write_bytes = BulkTests.write_bytes
    command = BulkTests.command
    bulk = BulkTests.bulk
    records = BulkTests.records
    states = BulkTests.states
    check_nobody_twice = BulkTests.check_nobody_twice
    check_final = BulkTests.check_final

    def test_a_report_that_would_replace_the_people_or_results_file_is_refused(self):
        # The report is written to FILE.tmp and renamed to FILE: given the people file, the
        # results file, or a name whose .tmp is one of them, it would destroy what it names.
        people = b"Name,email,Dept\nAda,user1@example.com,Ops\nBo,user2@example.com,HR\n"
        path = self.write_bytes("people.csv", people)
        results = os.path.join(self.workdir, "run.csv")
        same_dir = os.path.join(self.workdir, ".", "people.csv")
        with Server(self.workdir) as server:
            for args in (["--report", path], ["--report", same_dir], ["--report", path + ".results.csv"],
                         ["--results", results + ".tmp", "--report", results], ["--results", path],
                         ["--results", path, "--resume"]):
                with self.subTest(args=args):
                    result = self.bulk(server, path, *args)
                    self.assertEqual(result.returncode, BULK_USAGE, result.stdout + result.stderr)
                    with open(path, "rb") as kept:
                        self.assertEqual(kept.read(), people, "the people file was changed")
                    self.assertFalse(os.path.exists(path + ".results.csv"), "a results file was made")
            # The people file named through a link: the report may not replace the file it names.
            link = os.path.join(self.workdir, "link.csv")
            os.symlink(path, link)
            linked = self.bulk(server, link, "--report", path)
            self.assertEqual(linked.returncode, BULK_USAGE, linked.stdout + linked.stderr)
            with open(path, "rb") as kept:
                self.assertEqual(kept.read(), people, "the people file was replaced through a link")
            self.assertEqual(server.requests(), [])
            # A run that started before the mistake keeps its results file through --resume.
            first = self.bulk(server, path)
            self.assertEqual(first.returncode, BULK_ALL_SENT, first.stdout + first.stderr)
            with open(path + ".results.csv", "rb") as written:
                journal = written.read()
            again = self.bulk(server, path, "--resume", "--report", path + ".results.csv")
            self.assertEqual(again.returncode, BULK_USAGE, again.stdout + again.stderr)
            with open(path + ".results.csv", "rb") as kept:
                self.assertEqual(kept.read(), journal, "the results file was replaced")
            resumed = self.bulk(server, path, "--resume")
            self.assertEqual(resumed.returncode, BULK_ALL_SENT, resumed.stdout + resumed.stderr)
            self.check_nobody_twice(server)

    def test_a_base_url_that_leads_to_no_invite_call_is_the_runs_error(self):
        # A path too many (404, "No Route Exists") or a redirect (to https://, to another host) is
        # the same answer for every row and proves nothing was done: the run stops (exit 7), its
        # rows stay to send, and --resume with the base URL fixed sends them. A redirect is not
        # followed with the key.
        path = self.write_bytes("people.csv", b"email\nuser1@example.com\nuser2@example.com\nuser3@example.com\n")
        with Server(self.workdir) as server:
            target = server.url

            class Redirect(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    self.send_response(307)
                    self.send_header("Location", target + self.path)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

                def log_message(self, *args):
                    pass

            with http_listener(Redirect) as redirect_url:
                for wrong in (server.url + "/onelogin", redirect_url):
                    with self.subTest(base_url=wrong):
                        result = self.bulk(server, path, "--resume", "--concurrency", "1", "--base-url", wrong)
                        self.assertEqual(result.returncode, BULK_RUN_ERROR, result.stdout + result.stderr)
                        self.assertEqual({s for s, _ in self.states(path).values()}, {"not_sent"})
                        self.assertEqual(len(self.states(path)), 1, "the run went on after the first answer")
            self.assertFalse([r for r in server.requests() if r.get("outcome") == "sent"])
            fixed = self.bulk(server, path, "--resume")
            self.assertEqual(fixed.returncode, BULK_ALL_SENT, fixed.stdout + fixed.stderr)
            self.assertEqual(self.check_nobody_twice(server), {f"user{i}@example.com": 1 for i in (1, 2, 3)})
        # API /1: a token endpoint that is not there is the run's error too, not refused credentials.
        path2 = self.write_bytes("api1.csv", b"email\nuser1@example.com\n")
        with Server(self.workdir) as server:
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url + "/x",
                                     "--no-progress", path2], env=BulkTests.api1_env(self), capture_output=True,
                                    text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_RUN_ERROR, result.stdout + result.stderr)

    def test_a_file_size_limit_on_the_header_is_an_error_not_a_signal(self):
        # ulimit -f 0: the results file's header cannot be written. The run says so and stops
        # (it was killed by SIGXFSZ, leaving an empty file and no word); --resume then finishes.
        path, rows = self.write_input(20)
        with Server(self.workdir) as server:
            for args in ([], ["--resume"]):
                with self.subTest(args=args):
                    limited = self.bulk(server, path, *args, limit_file_bytes=0)
                    self.assertEqual(limited.returncode, BULK_FATAL, limited.stdout + limited.stderr)
                    self.assertIn("cannot write the results file", limited.stderr)
            self.assertEqual(server.requests(), [])
            resumed = self.bulk(server, path, "--resume")
            self.assertEqual(resumed.returncode, BULK_SOME_REFUSED, resumed.stdout + resumed.stderr)
            self.check_final(server, path, rows)

    def test_api1_a_server_that_echoes_the_request_gets_no_access_token_into_any_file(self):
        # The access token the run was issued (not only the one given in the environment) is a
        # secret too: an echo of "Authorization: bearer TOKEN" must not reach the results file,
        # the report or the output.
        import re
        path, rows = self.write_input(10)
        with Server(self.workdir, "--fault", "echo") as server:
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                     "--no-progress", path], env=BulkTests.api1_env(self), capture_output=True,
                                    text=True, timeout=120)
            self.assertEqual(result.returncode, BULK_SOME_REFUSED, result.stdout + result.stderr)
            self.assertTrue([r for r in server.requests() if r.get("fault") == "echo"], "nothing was echoed")
        shown = []
        for written in (path + ".results.csv", path + ".report.csv"):
            with open(written) as text:
                shown += re.findall(r"Authorization: bearer ([^\\\s\"]*)", text.read(), re.IGNORECASE)
        self.assertTrue(shown, "no echoed Authorization header in the files")
        self.assertEqual(set(shown), {"****"}, "an access token was written")
        self.assertNotIn(CLIENT_SECRET, result.stdout + result.stderr)

    def test_two_runs_from_one_people_file_with_two_results_files_never_invite_twice(self):
        # The same people file named through a link (so its default results file is another), or
        # given another --results: the second run stops before it writes or sends anything.
        path, rows = self.write_input(40)
        link = os.path.join(self.workdir, "link.csv")
        os.symlink(path, link)
        env = {**os.environ, "ONELOGIN_API_KEY": API_KEY}
        with Server(self.workdir, "--fault", "slow", "--slow-ms", "50") as server:
            first = subprocess.Popen(self.command(server, path, "--concurrency", "1"), env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                BulkTests.wait_for_records(self, path, 3)
                for second_path, args in ((link, []), (path, ["--results", os.path.join(self.workdir, "other.csv")])):
                    with self.subTest(input=second_path, args=args):
                        second = self.bulk(server, second_path, *args)
                        self.assertEqual(second.returncode, BULK_USAGE, second.stdout + second.stderr)
                        self.assertIn(f"process {first.pid}", second.stderr)
            finally:
                output, errors = first.communicate(timeout=120)
            self.assertEqual(first.returncode, BULK_SOME_REFUSED, output + errors)
            self.assertFalse(os.path.exists(link + ".results.csv"), "the second run made a results file")
            self.assertFalse(os.path.exists(os.path.join(self.workdir, "other.csv")))
            self.check_final(server, path, rows)

    def test_an_answer_with_no_status_line_after_the_invite_went_out_is_never_sent_again(self):
        # A server (or a middlebox) that acts on the request, then answers without an HTTP status
        # line (HTTP/0.9, a bad version): libcurl calls that an unsupported protocol, which
        # was read as "never sent" and retried, inviting the person once per try.
        performed = []

        def perform_then_garble(connection):
            connection.settimeout(5)
            data = b""
            try:
                while b"}" not in data:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                performed.append(json.loads(data.split(b"\r\n\r\n", 1)[1])["email"])
                reply = b"garbage\r\n\r\n" if len(performed) % 2 else b"HTTP/1.1 abc\r\n\r\n"
                connection.sendall(reply)
            except (OSError, ValueError, IndexError, KeyError):
                pass

        with raw_listener(perform_then_garble) as url:
            path = self.write_bytes("people.csv", b"email\nuser1@example.com\nuser2@example.com\n")
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--base-url", url, "--no-progress",
                                     "--max-attempts", "3", "--backoff-ms", "10", path],
                                    env={**os.environ, "ONELOGIN_API_KEY": API_KEY}, capture_output=True, text=True,
                                    timeout=120)
            self.assertEqual(result.returncode, BULK_SOME_UNKNOWN, result.stdout + result.stderr)
            self.assertEqual({s for s, _ in self.states(path).values()}, {"unknown"})
            single = run("curl_send_invite", "--base-url", url, "user3@example.com")
            self.assertEqual(single.returncode, NO_ANSWER, single.stdout + single.stderr)
            self.assertIn("may have reached the server", single.stdout)
        self.assertEqual(collections.Counter(performed),
                         {"user1@example.com": 1, "user2@example.com": 1, "user3@example.com": 1})

    def test_api1_a_stop_signal_does_not_wait_for_a_slow_token_endpoint(self):
        # The token endpoint takes 20 s: SIGTERM stops the run within a few seconds, in order,
        # with no row marked (it waited for the token exchange, up to --timeout).
        path = self.write_bytes("people.csv", b"email\nuser1@example.com\nuser2@example.com\n")
        with Server(self.workdir, "--token-slow-ms", "20000") as server:
            process = subprocess.Popen([os.path.join(BIN_DIR, "bulk_invite"), "--api1", "--base-url", server.url,
                                        "--no-progress", "--timeout", "60", path], env=BulkTests.api1_env(self),
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(0.5)
            stopped = time.monotonic()
            process.send_signal(signal.SIGTERM)
            output, errors = process.communicate(timeout=60)
            self.assertLess(time.monotonic() - stopped, 5, "the stop waited for the token endpoint")
            self.assertEqual(process.returncode, BULK_SOME_NOT_SENT, output + errors)
            self.assertIn("stopped by a signal", output)
            self.assertEqual(self.states(path), {})
            self.assertFalse([r for r in server.requests() if r.get("path", "").startswith("/api/1/")])

    def test_a_429_without_a_usable_retry_after_holds_every_request_for_the_backoff(self):
        # Retry-After of -5, 10^20 or words: the server is still rate limiting the account, so the
        # next request, for any row, waits the run's backoff (it went out at once, into the 429).
        received = []

        class Limited(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                email = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["email"]
                first = email not in {e for e, _, _ in received}
                received.append((email, 429 if first else 200, time.monotonic()))
                if first:
                    status, body = 429, b'{"status":{"type":"too many requests","message":"Rate limit","error":true,"code":429}}'
                else:
                    status = 200
                    body = json.dumps({"status": {"type": "success", "message": f"Email sent successfully to {email}",
                                                  "error": False, "code": 200}}).encode()
                self.send_response(status)
                if first:
                    self.send_header("Retry-After", ["-5", "100000000000000000000", "soon"][len(received) % 3])
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        with http_listener(Limited) as url:
            path = self.write_bytes("people.csv", b"email\nuser1@example.com\nuser2@example.com\nuser3@example.com\n")
            result = subprocess.run([os.path.join(BIN_DIR, "bulk_invite"), "--base-url", url, "--no-progress",
                                     "--concurrency", "1", "--backoff-ms", "600", path],
                                    env={**os.environ, "ONELOGIN_API_KEY": API_KEY}, capture_output=True, text=True,
                                    timeout=120)
            self.assertEqual(result.returncode, BULK_ALL_SENT, result.stdout + result.stderr)
        self.assertEqual(sorted(status for _, status, _ in received), [200, 200, 200, 429, 429, 429])
        for (_, status, at), (_, _, after) in zip(received, received[1:]):
            if status == 429:
                self.assertGreaterEqual(after - at, 0.25, "a request went out at once after a 429")


# Tests that time how fast a run goes: run alone, after the others, so that no other test's load
# slows them.
TIMED = ["BulkTests.test_api1_paced_by_the_rate_limit"]


def run_side_by_side(bin_dir, jobs):
    """Runs every test in a process of its own, `jobs` at a time, then the TIMED ones one by one;
    prints each failure's output."""
    import concurrent.futures
    tests = [test.id().split(".", 1)[1]
             for suite in unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
             for test in suite]
    untimed = [name for name in tests if name not in TIMED]

    def one(name):
        started = time.monotonic()
        try:
            done = subprocess.run([sys.executable, os.path.abspath(__file__), "--bin-dir", bin_dir,
                                   name], capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            return name, False, time.monotonic() - started, "did not finish in 600 s"
        return name, done.returncode == 0, time.monotonic() - started, done.stdout + done.stderr

    failed = 0

    def report(name, ok, seconds, output):
        nonlocal failed
        print(f"{'ok  ' if ok else 'FAIL'} {name} ({seconds:.1f} s)", flush=True)
        if not ok:
            failed += 1
            print(output, flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(one, untimed):
            report(*result)
    for name in TIMED:
        report(*one(name))
    print(f"e2e: {len(tests) - failed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and tests else 1)


def main():
    global BIN_DIR
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--jobs", type=int, default=4)
    args, rest = parser.parse_known_args()
    BIN_DIR = args.bin_dir
    named = [arg for arg in rest if not arg.startswith("-")]
    if args.jobs > 1 and not named:
        run_side_by_side(os.path.abspath(BIN_DIR), args.jobs)
    program = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2)
    result = program.result
    # A test with failing sub-tests is listed once per sub-test; count it once.
    failed = len({getattr(test, "test_case", test).id() for test, _ in result.failures + result.errors})
    print(f"e2e: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and result.testsRun > 0 else 1)


if __name__ == "__main__":
    main()
