"""`aws.client(...)` and `aws.resource(...)`: the reference library's one-liners.

Both use one process-wide session from `get_boto3_session()`, created on first use, so every client
shares one set of refreshing credentials (the helper runs once per refresh, not once per client).
Safe to call from several threads.
"""

from __future__ import annotations

import threading
from typing import Any, Optional

import boto3

from ._session import get_boto3_session

_lock = threading.Lock()
_session: Optional[boto3.Session] = None


def _default_session() -> boto3.Session:
    global _session
    if _session is None:
        _session = get_boto3_session()
    return _session


def client(service_name: str, **kwargs: Any):
    """A boto3 client for `service_name` as the Target role, e.g. `aws.client("s3")`."""
    with _lock:
        return _default_session().client(service_name, **kwargs)


def resource(service_name: str, **kwargs: Any):
    """A boto3 resource for `service_name` as the Target role, e.g. `aws.resource("s3")`."""
    with _lock:
        return _default_session().resource(service_name, **kwargs)
