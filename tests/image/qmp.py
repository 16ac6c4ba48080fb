#!/usr/bin/env python3
"""Sends one command to a qemu QMP socket: `qmp.py SOCKET screendump FILE.png` or `qmp.py SOCKET quit`."""
import json
import socket
import sys


def main() -> int:
    path, command, *rest = sys.argv[1:]
    arguments = {"filename": rest[0], "format": "png"} if command == "screendump" else {}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as qmp:
        qmp.settimeout(30)
        qmp.connect(path)
        stream = qmp.makefile("rw")
        stream.readline()  # greeting
        for message in ({"execute": "qmp_capabilities"}, {"execute": command, "arguments": arguments}):
            stream.write(json.dumps(message) + "\n")
            stream.flush()
            while True:
                reply = json.loads(stream.readline())
                if "event" not in reply:
                    break
            if "error" in reply:
                print(f"qmp: {command}: {reply['error']}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
