#!/usr/bin/env python3
"""A stand-in for a workbench's server (JupyterLab, code-server) in the container test bed.

Started by the stand-in base image's own start script, as the real server is, it records how it was
started and runs "terminals": POST /run {"argv": [...]} runs the command as a child of this process
(a Jupyter or code-server terminal is one), with this process's environment, and answers
{"rc", "stdout", "stderr"}. GET /started answers {"argv", "uid", "gid", "umask"}. It listens on
127.0.0.1 at the port its arguments name (--ServerApp.port=N for Jupyter, --bind-addr HOST:N for
code-server), so the bed (on the host network) reaches it. SIGTERM ends it at once, as the kubelet's
stop does with a real server.
"""
import http.server
import json
import os
import signal
import subprocess
import sys


def port(argv):
    for i, arg in enumerate(argv):
        if arg.startswith("--ServerApp.port="):
            return int(arg.split("=", 1)[1])
        if arg == "--bind-addr" and i + 1 < len(argv):
            return int(argv[i + 1].rsplit(":", 1)[1])
    return 8888


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, value, status=200):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/started":
            return self.answer({"error": "not found"}, 404)
        mask = os.umask(0)
        os.umask(mask)
        self.answer({"argv": sys.argv, "uid": os.getuid(), "gid": os.getgid(), "umask": f"{mask:04o}"})

    def do_POST(self):
        if self.path != "/run":
            return self.answer({"error": "not found"}, 404)
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        try:
            done = subprocess.run(request["argv"], capture_output=True, text=True, timeout=60,
                                  cwd=os.environ.get("HOME", "/"))
            self.answer({"rc": done.returncode, "stdout": done.stdout, "stderr": done.stderr})
        except Exception as e:  # a missing program, a timeout: the bed sees it as a failed command
            self.answer({"rc": 127, "stdout": "", "stderr": f"server.py: {e}"})

    def log_message(self, *args):
        pass


signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
server = http.server.ThreadingHTTPServer(("127.0.0.1", port(sys.argv)), Handler)
print(f"server.py: {' '.join(sys.argv)} on 127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
