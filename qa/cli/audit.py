"""`qa audit`: recompute what each article states from its own figures and flag what does not add up."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from qa.check.report import AuditReport, audit_report, render


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qa audit", description="Recompute what each article states from its "
                                     "own figures and flag what does not add up.")
    parser.add_argument("--json", action="store_true", help='print {"findings": [...]} as JSON')
    parser.add_argument("--doc", help="only this document id")
    args = parser.parse_args(argv)
    # The audit reads the articles and their figures only: no index, no embedding model (fast from a cold start).
    from qa.cli.main import load_corpus_only

    corpus = load_corpus_only()
    report = audit_report(corpus.documents, corpus.figures)
    if args.doc:
        report = AuditReport(findings=[f for f in report.findings if f.doc_id == args.doc])
    if args.json:
        keep = {"status", "check", "claim", "stated", "computed", "unit", "expression", "quotes", "explanation",
                "figure_ids", "doc_id"}
        sys.stdout.write(json.dumps(report.model_dump(mode="json", include={"findings": {"__all__": keep}}),
                                    ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
