#!/usr/bin/env python3
"""The container test bed's stand-in for the Kubernetes API server: TLS with the bed's own CA on
127.0.0.1, a bearer-token check against the workbench's service-account token, and the two calls the
helper makes:
  GET  /api/v1/namespaces/NS/pods/NAME                   the workbench pod (fixtures/workbench-pod.json)
  POST /api/v1/namespaces/NS/serviceaccounts/SA/token    a TokenRequest, answered as the API server
       does: bound to the named pod only when that pod runs as SA (else 400), a JWT whose audiences,
       lifetime and kubernetes.io claims follow the request
Every request is logged as a JSON line (method, path, body) to LOG.
  kube-api.py CERT KEY SA_TOKEN POD_JSON PORT_FILE LOG
"""
import base64
import http.server
import json
import ssl
import sys
import time

cert, key, sa_token_file, pod_file, port_file, log_file = sys.argv[1:7]
pod = json.load(open(pod_file))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(claims):
    head = b64url(json.dumps({"alg": "RS256", "kid": "bed"}).encode())
    return f"{head}.{b64url(json.dumps(claims).encode())}.{b64url(b'not-a-real-signature')}"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def refuse(self, code, reason, message):
        self.answer(code, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                           "message": message, "reason": reason, "code": code})

    def authorized(self, body=b""):
        with open(log_file, "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path,
                                  "body": body.decode(errors="replace")}) + "\n")
        if self.headers.get("Authorization") != "Bearer " + open(sa_token_file).read().strip():
            self.refuse(401, "Unauthorized", "Unauthorized")
            return False
        return True

    def do_GET(self):
        if not self.authorized():
            return
        parts = self.path.split("?", 1)[0].strip("/").split("/")
        if parts[:3] == ["api", "v1", "namespaces"] and len(parts) == 6 and parts[4] == "pods":
            ns, name = parts[3], parts[5]
            if (ns, name) == (pod["metadata"]["namespace"], pod["metadata"]["name"]):
                return self.answer(200, pod)
            return self.refuse(404, "NotFound", f'pods "{name}" not found')
        self.refuse(404, "NotFound", "the server could not find the requested resource")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not self.authorized(body):
            return
        parts = self.path.split("?", 1)[0].strip("/").split("/")
        if not (len(parts) == 7 and parts[:3] == ["api", "v1", "namespaces"]
                and parts[4] == "serviceaccounts" and parts[6] == "token"):
            return self.refuse(404, "NotFound", "the server could not find the requested resource")
        ns, sa = parts[3], parts[5]
        request = json.loads(body or b"{}")
        bound = request.get("spec", {}).get("boundObjectRef", {})
        if bound.get("name") != pod["metadata"]["name"] or ns != pod["metadata"]["namespace"]:
            return self.refuse(404, "NotFound", f'pods "{bound.get("name")}" not found')
        if pod["spec"]["serviceAccountName"] != sa:
            return self.refuse(400, "BadRequest", f'cannot bind token for serviceaccount "{sa}" '
                               "to pod running with different serviceaccount name.")
        if bound.get("uid") not in (None, pod["metadata"]["uid"]):
            return self.refuse(409, "Conflict", "the UID in the bound object reference does not match")
        now = int(time.time())
        seconds = request.get("spec", {}).get("expirationSeconds") or 3600
        claims = {"aud": request["spec"].get("audiences") or ["https://kubernetes.default.svc"],
                  "exp": now + seconds, "iat": now, "nbf": now, "iss": "https://oidc.bed.test/cluster",
                  "kubernetes.io": {"namespace": ns, "serviceaccount": {"name": sa},
                                    "pod": {"name": pod["metadata"]["name"], "uid": pod["metadata"]["uid"]}},
                  "sub": f"system:serviceaccount:{ns}:{sa}"}
        request["status"] = {"token": jwt(claims), "expirationTimestamp":
                             time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + seconds))}
        self.answer(201, request)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
