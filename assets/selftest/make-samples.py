#!/usr/bin/env python3
"""Writes the self-test's sample AAMVA payloads (sample-*.aamva) beside this script.

The people are invented ("SELFTEST SAMPLE"): no real person's data. The layout follows the AAMVA
DL/ID card design standard: compliance indicator, separators, file type, IIN, versions, entry
count, a subfile table with offsets and lengths computed here, then the subfiles.
Run it again only to change the samples; `kioskctl selftest` embeds the files at build time.
"""
from pathlib import Path


def payload(iin, version, jurisdiction_version, subfile_type, fields):
    body = subfile_type + "\n".join(name + value for name, value in fields) + "\r"
    header = "@\n\x1e\rANSI " + iin + f"{version:02d}{jurisdiction_version:02d}01"
    offset = len(header) + 10
    table = f"{subfile_type}{offset:04d}{len(body):04d}"
    return (header + table + body).encode("ascii")


CANADA = [("DCA", "G"), ("DCB", "NONE"), ("DCD", "NONE"), ("DBA", "20390101"),
          ("DCS", "SAMPLE"), ("DAC", "SELFTEST"), ("DAD", "ONE"), ("DBD", "20240101"),
          ("DBB", "19800101"), ("DBC", "2"), ("DAY", "BRO"), ("DAU", "170 cm"),
          ("DAG", "1 TEST ST"), ("DAI", "NOWHERE"), ("DAJ", "ON"), ("DAK", "K0K 0K0"),
          ("DAQ", "S0000-00000-00001"), ("DCF", "SELFTEST1"), ("DCG", "CAN"),
          ("DDE", "N"), ("DDF", "N"), ("DDG", "N")]
US = [("DCA", "D"), ("DCB", "NONE"), ("DCD", "NONE"), ("DBA", "01012039"),
      ("DCS", "SAMPLE"), ("DAC", "SELFTEST"), ("DAD", "TWO"), ("DBD", "01012024"),
      ("DBB", "01011975"), ("DBC", "1"), ("DAY", "BLU"), ("DAU", "068 in"),
      ("DAG", "2 TEST AVE"), ("DAI", "NOWHERE"), ("DAJ", "NY"), ("DAK", "000000000"),
      ("DAQ", "S00000002"), ("DCF", "SELFTEST2"), ("DCG", "USA"),
      ("DDE", "N"), ("DDF", "N"), ("DDG", "N"), ("DDK", "1")]
QUEBEC_ID = [("DCS", "SAMPLE"), ("DAC", "SELFTEST"), ("DAD", "THREE"), ("DBA", "20390101"),
             ("DBD", "20240101"), ("DBB", "19950615"), ("DBC", "2"), ("DAG", "3 RUE DU TEST"),
             ("DAI", "NULLE PART"), ("DAJ", "QC"), ("DAK", "G0G 0G0"), ("DAQ", "S3333333333"),
             ("DCF", "SELFTEST3"), ("DCG", "CAN"), ("DDE", "N"), ("DDF", "N"), ("DDG", "N")]

HERE = Path(__file__).resolve().parent
(HERE / "sample-1-ontario-dl.aamva").write_bytes(payload("636012", 9, 1, "DL", CANADA))
(HERE / "sample-2-new-york-dl.aamva").write_bytes(payload("636001", 10, 1, "DL", US))
(HERE / "sample-3-quebec-id.aamva").write_bytes(payload("604428", 8, 0, "ID", QUEBEC_ID))
