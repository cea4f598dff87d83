#!/usr/bin/env python3
"""Prints each failed test of the .trx files given, with its message's first lines.

CI shows only the tail of the test command's output; the test script calls this at its end so that a
failure's name and reason are in that tail, not thousands of lines above it.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"

for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        print(f"{path}: not readable ({error})")
        continue
    for result in root.iter(f"{NS}UnitTestResult"):
        if result.get("outcome") != "Failed":
            continue
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
        if message is not None and message.text:
            for line in message.text.strip().splitlines()[:6]:
                print(f"    {line[:300]}")
        trace = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}StackTrace")
        if trace is not None and trace.text:
            for line in [l for l in trace.text.strip().splitlines() if "/tests/" in l][:3]:
                print(f"    {line.strip()[:300]}")
