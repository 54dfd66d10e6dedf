#!/usr/bin/env python3
"""Fill the output of every `$ accord ...` console block in a Markdown file.

Usage: python3 docs/examples/render.py docs/examples/ukraine-2025.md
Run from the repository root after `cargo build --release`. A block is

    ```console
    $ accord analyze examples/ukraine-2025/scenario.toml
    (output, replaced)
    ```

The test `docs_examples_are_current` checks that the blocks match the binary.
"""
import re
import subprocess
import sys

BIN = "target/release/accord"


def render(path):
    text = open(path, encoding="utf-8").read()

    def fill(m):
        cmd = m.group(1)
        args = cmd.split()[1:]
        out = subprocess.run([BIN] + args, capture_output=True, text=True, env={"NO_COLOR": "1"})
        body = out.stdout + out.stderr
        return "```console\n$ " + cmd + "\n" + body.rstrip("\n") + "\n```"

    text = re.sub(r"```console\n\$ (accord [^\n]*)\n.*?```", fill, text, flags=re.S)
    open(path, "w", encoding="utf-8").write(text)


for p in sys.argv[1:]:
    render(p)
