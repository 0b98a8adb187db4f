"""Starts moto's server with the emulator patches loaded: python3 server.py -H 127.0.0.1 -p PORT."""

import os
import sys

os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import moto.server  # noqa: F401
except ImportError:
    sys.stderr.write('moto is not installed: pip install "moto[server]"\n')
    sys.exit(3)

from patches import apply  # noqa: E402

if __name__ == "__main__":
    names = apply()
    sys.stderr.write(f"emulator patches: {', '.join(names)}\n")
    moto.server.main(sys.argv[1:])
