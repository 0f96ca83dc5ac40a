"""Runs a WASI 0.1 module on pywasm with exactly the arguments, variables and directories in the
JSON spec (the last argument), as pywasm's own entry does, minus its argparse."""
import json
import sys

import pywasm

spec = json.loads(sys.argv[-1])
runtime = pywasm.core.Runtime()
wasi = pywasm.wasi.Preview1([spec["module"], *spec["args"]], spec["dirs"], spec["env"])
wasi.bind(runtime)
instance = runtime.instance_from_file(spec["module"])
sys.exit(wasi.main(runtime, instance))
