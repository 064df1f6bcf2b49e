"""A wheel of the module in src/ and a given binary, laid out as build.sh's maturin wheels are.

    python source_wheel.py SRC_DIR BINARY VERSION OUT_DIR      -> prints the wheel's path

For `test.sh --source`: pip installs it (no maturin, no release build) so that the checks of how the
installed module finds its own binary (its dist-info's RECORD, next to the package) run on what pip
really writes. The binary goes in `<name>.data/scripts/` (pip installs it as a script), stored
uncompressed: a debug build is large and compressing it would take longer than the checks.
"""

import base64
import hashlib
import os
import sys
import zipfile

NAME = "oc_role_assume"


def main(src, binary, version, out):
    dist_info = f"{NAME}-{version}.dist-info"
    wheel = os.path.join(out, f"{NAME}-{version}-py3-none-any.whl")
    record = []

    def digest(path):
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return "sha256=" + base64.urlsafe_b64encode(h.digest()).rstrip(b"=").decode()

    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(os.listdir(src)):
            if file.endswith(".py"):
                path = os.path.join(src, file)
                zf.write(path, f"{NAME}/{file}")
                record.append((f"{NAME}/{file}", digest(path), os.path.getsize(path)))
        script = f"{NAME}-{version}.data/scripts/oc-role-assume"
        zf.write(binary, script, compress_type=zipfile.ZIP_STORED)  # keeps the file's mode (0755)
        record.append((script, digest(binary), os.path.getsize(binary)))
        meta = {
            "METADATA": f"Metadata-Version: 2.1\nName: oc-role-assume\nVersion: {version}\n"
            "Requires-Python: >=3.9\nRequires-Dist: boto3>=1.26\n",  # as pyproject.toml
            "WHEEL": "Wheel-Version: 1.0\nGenerator: test.sh\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        }
        for file, text in meta.items():
            data = text.encode()
            zf.writestr(f"{dist_info}/{file}", data)
            h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append((f"{dist_info}/{file}", "sha256=" + h, len(data)))
        lines = [f"{path},{h},{size}" for path, h, size in record] + [f"{dist_info}/RECORD,,"]
        zf.writestr(f"{dist_info}/RECORD", "\n".join(lines) + "\n")
    print(wheel)


if __name__ == "__main__":
    main(*sys.argv[1:5])
