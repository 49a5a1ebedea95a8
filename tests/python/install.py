"""Installs the pinned Python client (requirements.txt beside this file) into a virtual environment,
once: `python3 tests/python/install.py VENV`.

The Rust test that runs the Python scenario (tests/tests/real_clients/) calls this before every
run, with VENV under the target directory; `.ci/run` calls it ahead of time. When VENV already
holds exactly these requirements it returns at once; otherwise it (re)creates VENV with the
standard `venv` module and installs every pinned package from the package index with pip, hashes
required and wheels only (no package's build code runs). A lock file beside VENV keeps two runs
from installing at the same time. The last line of standard output is VENV's python.

It uses only the standard library, and fails (exit status 1, a message on standard error saying
what to do) when Python is too old, `venv` is missing or the package index cannot be reached.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv

REQUIREMENTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.txt")
# The oldest Python every pinned package supports (their `Requires-Python`).
OLDEST_PYTHON = (3, 10)
HERE = "tests/python/install.py"


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def venv_python(directory):
    if os.name == "nt":
        return os.path.join(directory, "Scripts", "python.exe")
    return os.path.join(directory, "bin", "python")


def main():
    if len(sys.argv) != 2:
        fail(f"usage: python3 {HERE} VENV")
    directory = os.path.abspath(sys.argv[1])
    if sys.version_info < OLDEST_PYTHON:
        fail(
            f"the Python client needs Python {'.'.join(map(str, OLDEST_PYTHON))} or newer; "
            f"this is {sys.version.split()[0]} ({sys.executable})"
        )
    with open(REQUIREMENTS, "rb") as requirements:
        wanted = hashlib.sha256(requirements.read()).hexdigest()
    # The marker holds the digest of the requirements the environment was made from; it is
    # written last, so an interrupted install is redone.
    marker = os.path.join(directory, "installed-requirements.sha256")
    os.makedirs(os.path.dirname(directory), exist_ok=True)
    with open(directory + ".lock", "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:
            pass  # No fcntl (Windows): installs are not serialised.
        try:
            with open(marker) as installed:
                if installed.read().strip() == wanted:
                    print(venv_python(directory))
                    return
        except FileNotFoundError:
            pass
        print(f"installing the pinned Python client into {directory}", file=sys.stderr)
        shutil.rmtree(directory, ignore_errors=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(directory)
        except (OSError, subprocess.CalledProcessError) as error:
            fail(
                f"could not create a virtual environment with {sys.executable} -m venv ({error}); "
                "install Python's venv and ensurepip modules (on Debian and Ubuntu: the "
                "python3-venv package)"
            )
        python = venv_python(directory)
        pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input"]
        pip += ["--require-hashes", "--only-binary", ":all:", "-r", REQUIREMENTS]
        result = subprocess.run(pip, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if result.returncode != 0:
            fail(
                f"pip could not install {REQUIREMENTS} (exit status {result.returncode}); the "
                "package index (PyPI) must be reachable. pip said:\n"
                + result.stdout[-4000:]
                + result.stderr[-4000:]
            )
        with open(marker, "w") as installed:
            installed.write(wanted + "\n")
        print(venv_python(directory))


if __name__ == "__main__":
    main()
