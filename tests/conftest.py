"""Suite-wide settings.

Property-based tests explore new random inputs on a developer's machine; under CI (``CI`` set)
they replay a fixed sequence, so that a submission never fails by the luck of the draw, and have
no per-example deadline, since CI machines are shared and slow.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
