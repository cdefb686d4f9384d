"""In the sanitized build (ctest `python` with NETRA_SANITIZED=1): the
sanitizer runtimes really are live in this interpreter, the extension really
is instrumented, and a memory error really ends the process with an ASan
report, so that a clean pytest run means something. Skipped elsewhere."""

import pathlib
import subprocess
import sys
import textwrap

import pytest

from conftest import SANITIZED
from netra import _netra

pytestmark = pytest.mark.skipif(not SANITIZED, reason="only in the sanitized build (NETRA_SANITIZED=1)")


def test_the_runtimes_are_loaded_into_this_interpreter():
    maps = pathlib.Path("/proc/self/maps").read_text()
    assert "libasan.so" in maps and "libubsan.so" in maps


def test_the_extension_is_instrumented():
    so = pathlib.Path(_netra.__file__).read_bytes()
    assert b"__asan_report_load" in so and b"__ubsan_handle_" in so


def test_a_heap_overrun_in_a_child_interpreter_is_fatal():
    # A 17-byte copy out of a 16-byte malloc block: ASan's memmove
    # interceptor sees it. The child inherits this environment, as the
    # subprocesses of test_interop.py and a notebook's kernel do.
    code = """
        import ctypes
        libc = ctypes.CDLL(None)
        libc.malloc.restype = ctypes.c_void_p
        block = libc.malloc(16)
        dest = ctypes.create_string_buffer(32)
        ctypes.memmove(dest, block, 17)
        print("overrun not caught")
    """
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "overrun not caught" not in out.stdout
    assert "ERROR: AddressSanitizer: heap-buffer-overflow" in out.stderr, out.stderr
